package io.herald.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests can pin: the system's UTC clock until {@link #pin} is called, again after
 * {@link #reset}. One instance for the JVM, so every context that imports
 * {@link TestClockConfiguration} (several servers on one database) sees the same time.
 */
public final class TestClock extends Clock {

    public static final TestClock SHARED = new TestClock();

    private volatile Instant pinned;

    private TestClock() {}

    public void pin(Instant now) {
        this.pinned = now;
    }

    public void reset() {
        this.pinned = null;
    }

    @Override
    public Instant instant() {
        var now = pinned;
        return now != null ? now : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Herald works in UTC");
    }
}
