package io.herald;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Applied Flyway migrations are never edited: every migration's SHA-256 is recorded in
 * {@code src/test/resources/db/applied-migrations.sha256} (the format of {@code sha256sum}, so
 * {@code cd src/main/resources/db/migration && sha256sum -c ../../../../test/resources/db/applied-migrations.sha256}
 * checks it too), and a migration that no longer matches fails the build. A new migration is
 * appended to the list in the commit that adds it.
 */
class AppliedMigrationsTests {

    @Test
    void noRecordedMigrationWasEditedOrRemoved() throws Exception {
        var present = migrations();
        for (var recorded : recorded().entrySet()) {
            var name = recorded.getKey();
            assertThat(present)
                    .as("%s was applied somewhere and is gone: applied migrations are never removed", name)
                    .containsKey(name);
            assertThat(present.get(name))
                    .as("%s changed: applied migrations are never edited; add a new one", name)
                    .isEqualTo(recorded.getValue());
        }
    }

    @Test
    void everyMigrationIsRecorded() throws Exception {
        var recorded = recorded();
        for (var migration : migrations().entrySet()) {
            assertThat(recorded)
                    .as(
                            "%s is not in db/applied-migrations.sha256: append \"%s  %s\"",
                            migration.getKey(), migration.getValue(), migration.getKey())
                    .containsKey(migration.getKey());
        }
    }

    private static Map<String, String> migrations() throws IOException, NoSuchAlgorithmException {
        var digests = new TreeMap<String, String>();
        for (var resource : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql")) {
            digests.put(
                    resource.getFilename(),
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(resource.getContentAsByteArray())));
        }
        return digests;
    }

    private static Map<String, String> recorded() throws IOException {
        var recorded = new LinkedHashMap<String, String>();
        var list = new ClassPathResource("db/applied-migrations.sha256").getContentAsString(StandardCharsets.UTF_8);
        for (var line : list.lines().filter(line -> !line.isBlank()).toList()) {
            var parts = line.trim().split("\\s+\\*?", 2);
            recorded.put(parts[1], parts[0]);
        }
        return recorded;
    }
}
