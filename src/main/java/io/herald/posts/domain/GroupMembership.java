package io.herald.posts.domain;

import java.util.UUID;

/** The two things about a post that never change: its group and its organization. */
record GroupMembership(UUID groupId, UUID organizationId) {}
