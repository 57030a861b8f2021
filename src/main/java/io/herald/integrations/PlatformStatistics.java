package io.herald.integrations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Postiz's analytics from the platforms' own numbers ({@link ChannelStatistics}), in Postiz's shape.
 * Neither platform keeps history, so each number is today's value with a {@code percentageChange}
 * of 0, whatever number of days was asked for. Answers are kept a minute on each node, so a
 * script that asks in a loop does not hammer the platform; platforms without numbers answer none.
 */
@Service
public class PlatformStatistics {

    /** How long an answer is kept (on this node only). */
    static final Duration KEPT = Duration.ofMinutes(1);

    /** Past this many kept answers the expired ones are dropped. */
    private static final int MAX_KEPT = 10_000;

    private static final Pattern DAYS = Pattern.compile("[0-9]{1,3}");

    private final Accounts accounts;

    private final Map<String, ChannelStatistics> byIdentifier;

    private final Clock clock;

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    PlatformStatistics(Accounts accounts, List<ChannelStatistics> statistics, Clock clock) {
        this.accounts = accounts;
        this.byIdentifier =
                statistics.stream().collect(Collectors.toMap(ChannelStatistics::identifier, Function.identity()));
        this.clock = clock;
    }

    /** Postiz's {@code date}: a number of days, 1 to 365; empty for anything else. */
    public static OptionalInt days(String date) {
        if (date == null || !DAYS.matcher(date).matches()) {
            return OptionalInt.empty();
        }
        var days = Integer.parseInt(date);
        return days >= 1 && days <= 365 ? OptionalInt.of(days) : OptionalInt.empty();
    }

    /** The numbers of the organization's integration's account. */
    List<Analytics> account(UUID organizationId, String integrationId, int days) {
        var integration = accounts.live(organizationId, integrationId);
        var statistics = byIdentifier.get(integration.identifier());
        if (statistics == null) {
            return List.of();
        }
        return keep("account " + integration.id(), () -> statistics.account(accounts.config(integration)));
    }

    /** The numbers of the post {@code releaseId} of the integration's account, which the caller owns. */
    public List<Analytics> post(UUID integrationId, String releaseId, int days) {
        Integration integration;
        try {
            integration = accounts.live(integrationId);
        } catch (IntegrationNotFoundException e) {
            throw new PlatformException("The integration was deleted");
        }
        var statistics = byIdentifier.get(integration.identifier());
        if (statistics == null) {
            return List.of();
        }
        return keep(
                "post " + integration.id() + " " + releaseId,
                () -> statistics.post(accounts.config(integration), releaseId));
    }

    /** The kept answer for {@code key}, or a new one from {@code read}, kept for {@link #KEPT}. */
    private List<Analytics> keep(String key, Supplier<List<ChannelStatistics.Statistic>> read) {
        var now = clock.instant();
        var found = kept.get(key);
        if (found != null && now.isBefore(found.until())) {
            return found.answer();
        }
        var today = now.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        var answer = read.get().stream()
                .map(statistic -> new Analytics(statistic.label(), List.of(new Point(statistic.total(), today)), 0))
                .toList();
        if (kept.size() >= MAX_KEPT) {
            kept.values().removeIf(entry -> !now.isBefore(entry.until()));
        }
        kept.put(key, new Kept(answer, now.plus(KEPT)));
        return answer;
    }

    /** One number as Postiz's analytics show it: its values by day, and how it changed over them. */
    public record Analytics(String label, List<Point> data, int percentageChange) {}

    public record Point(long total, String date) {}

    private record Kept(List<Analytics> answer, Instant until) {}
}
