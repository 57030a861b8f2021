package io.herald.integrations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link Publisher} in the application, by identifier. */
@Component
class Publishers {

    private final Map<String, Publisher> byIdentifier;

    Publishers(List<Publisher> publishers) {
        this.byIdentifier = publishers.stream()
                .collect(Collectors.toMap(Publisher::identifier, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    Optional<Publisher> find(String identifier) {
        return Optional.ofNullable(byIdentifier.get(identifier));
    }

    Publisher get(String identifier) {
        return find(identifier).orElseThrow(() -> new IllegalStateException("No provider " + identifier));
    }

    List<String> identifiers() {
        return List.copyOf(byIdentifier.keySet());
    }
}
