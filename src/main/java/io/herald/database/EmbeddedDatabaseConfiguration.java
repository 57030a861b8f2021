package io.herald.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Herald's default database: a PostgreSQL 17 started by the application itself, whose data
 * directory survives restarts. It backs off as soon as {@code spring.datasource.url} is set, when
 * {@link EmbeddedDatabaseStartup} starts nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(EmbeddedDatabaseStartup.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
class EmbeddedDatabaseConfiguration {

    /**
     * Validated settings first: a bad one is reported as such, not as a database that failed to
     * start. {@link EmbeddedDatabaseStartup} stops it, after every other bean.
     */
    @Bean(destroyMethod = "")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties, EmbeddedDatabaseStartup startup)
            throws IOException {
        return startup.await();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        return dataSource;
    }
}
