package io.herald.media;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MediaRepository {

    private final JdbcClient jdbc;

    MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The bytes the organization's media take. */
    long usedBytes(UUID organizationId) {
        return jdbc.sql("select coalesce(sum(size_bytes), 0) from media where organization_id = :organization")
                .param("organization", organizationId)
                .query(Long.class)
                .single();
    }

    void insert(StoredMedia media, UUID organizationId, String contentType, long size, Instant now) {
        jdbc.sql("""
                        insert into media (id, organization_id, name, original_name, content_type, size_bytes, created_at)
                        values (:id, :organization, :name, :originalName, :contentType, :size, :createdAt)
                        """)
                .param("id", media.id())
                .param("organization", organizationId)
                .param("name", media.name())
                .param("originalName", media.originalName())
                .param("contentType", contentType)
                .param("size", size)
                .param("createdAt", now.atOffset(ZoneOffset.UTC))
                .update();
    }
}
