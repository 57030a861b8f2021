package io.herald.fuzz;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.RandomGenerator;

/**
 * The values the fuzz test puts into requests, made by jqwik's generators from one seeded
 * {@link Random}: ordinary ones and the ones that break servers (empty, huge, NUL, lone
 * surrogates, control characters, any Unicode, numbers at their limits, dates that are not).
 */
final class Generated {

    private static final int GEN_SIZE = 1000;

    private final Random random;

    private final RandomGenerator<String> anyText =
            Arbitraries.strings().all().ofMaxLength(60).generator(GEN_SIZE);

    private final RandomGenerator<String> word = Arbitraries.strings()
            .alpha()
            .numeric()
            .ofMinLength(1)
            .ofMaxLength(12)
            .generator(GEN_SIZE);

    private final RandomGenerator<String> nasty = Arbitraries.of(
                    "",
                    " ",
                    "\u0000",
                    "a\u0000b",
                    "\ud800",
                    "\udfff x",
                    "\ud83d\ude00",
                    "\r\n",
                    "\t\u0001\u001f\u007f",
                    "../../etc/passwd",
                    "%00",
                    "%",
                    "%zz",
                    "<script>alert(1)</script>",
                    "' or 1=1 --",
                    "null",
                    "true",
                    "-1",
                    "1e309",
                    "NaN",
                    "\u202e\u200b\ufeff",
                    "ｆｕｌｌｗｉｄｔｈ",
                    "𝕳𝖊𝖗𝖆𝖑𝖉",
                    "x".repeat(3000))
            .generator(GEN_SIZE);

    private final RandomGenerator<String> date = Arbitraries.of(
                    "2030-05-01T09:00:00Z",
                    "2030-05-01T09:00:00.000Z",
                    "2030-05-01T09:00:00+02:00",
                    "2030-05-01T09:00:00",
                    "2030-05-01",
                    "2020-01-01T00:00:00Z",
                    "2030-02-30T09:00:00Z",
                    "2030-13-01T00:00:00Z",
                    "0000-01-01T00:00:00Z",
                    "9999-12-31T23:59:59Z",
                    "+999999999-12-31T23:59:59Z",
                    "-999999999-01-01T00:00:00Z",
                    "10000-01-01T00:00:00Z",
                    "2030-05-01T25:61:61Z",
                    "2030-05-01T09:00:00+25:00",
                    "1e10",
                    "tomorrow",
                    "")
            .generator(GEN_SIZE);

    private final RandomGenerator<Long> number = Arbitraries.oneOf(
                    Arbitraries.longs(),
                    Arbitraries.of(
                            0L,
                            -1L,
                            1L,
                            (long) Integer.MAX_VALUE,
                            (long) Integer.MAX_VALUE + 1,
                            (long) Integer.MIN_VALUE,
                            Long.MAX_VALUE,
                            Long.MIN_VALUE,
                            1439L,
                            1440L,
                            525_600L,
                            525_601L))
            .generator(GEN_SIZE);

    Generated(Random random) {
        this.random = random;
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int below(int bound) {
        return random.nextInt(bound);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    String word() {
        return next(word);
    }

    String date() {
        return next(date);
    }

    long number() {
        return next(number);
    }

    /** Any text: ordinary, arbitrary Unicode, or one of the strings that break servers. */
    String text() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> word();
            case 2, 3 -> next(anyText);
            case 4, 5 -> next(nasty);
            default -> huge();
        };
    }

    /** A string long enough to pass every limit of a field, sometimes the whole body's. */
    String huge() {
        var length = chance(0.03) ? 1024 * 1024 + 10 : 1 + random.nextInt(chance(0.5) ? 3000 : 70_000);
        return (chance(0.5) ? "é" : "x").repeat(length);
    }

    private <T> T next(RandomGenerator<T> generator) {
        return generator.next(random).value();
    }
}
