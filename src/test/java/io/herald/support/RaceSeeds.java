package io.herald.support;

import java.util.Arrays;
import java.util.List;

/** The seeds race tests run with: {@code -Dherald.race.seeds=1,2,3,...}; three by default. */
public final class RaceSeeds {

    private RaceSeeds() {}

    public static List<Long> seeds() {
        return Arrays.stream(System.getProperty("herald.race.seeds", "1,2,3").split(","))
                .map(String::trim)
                .map(Long::parseLong)
                .toList();
    }
}
