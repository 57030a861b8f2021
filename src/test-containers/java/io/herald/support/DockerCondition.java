package io.herald.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * The containers profile runs the suite on a PostgreSQL container, so without Docker it has nothing
 * to run: every test is skipped with this reason instead of failing (the default build runs the same
 * tests on the embedded server). Registered for every test class by JUnit's extension autodetection,
 * which only this profile turns on.
 */
public final class DockerCondition implements ExecutionCondition {

    static final String REASON = "Docker is not available: containers profile skipped";

    private static Boolean available;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return dockerAvailable()
                ? ConditionEvaluationResult.enabled("Docker is available")
                : ConditionEvaluationResult.disabled(REASON);
    }

    private static synchronized boolean dockerAvailable() {
        if (available == null) {
            available = DockerClientFactory.instance().isDockerAvailable();
            if (!available) {
                // Once on the console too: surefire shows skip reasons only in its reports.
                System.err.println(REASON);
            }
        }
        return available;
    }
}
