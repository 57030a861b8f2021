package io.herald.support;

import java.util.Arrays;
import java.util.List;

/**
 * The seeds every race test runs with: two by default, to keep {@code mvn verify} short; a long run
 * takes more, e.g. {@code -Dherald.race.seeds=1,2,3,4,5,6,7,8,9,10}.
 */
public final class RaceSeeds {

    private RaceSeeds() {}

    public static List<Long> seeds() {
        return Arrays.stream(System.getProperty("herald.race.seeds", "1,2").split(","))
                .map(String::trim)
                .map(Long::parseLong)
                .toList();
    }
}
