package io.herald.media;

import java.util.UUID;

/** An uploaded file: {@code name} is the stored (random) file name, {@code path} its public URL. */
record StoredMedia(UUID id, String name, String originalName, String path) {}
