package io.herald.integrations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link Provider} in the application, by identifier. */
@Component
class Providers {

    private final Map<String, Provider> byIdentifier;

    Providers(List<Provider> providers) {
        this.byIdentifier = providers.stream()
                .collect(Collectors.toMap(Provider::identifier, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    Optional<Provider> find(String identifier) {
        return Optional.ofNullable(byIdentifier.get(identifier));
    }

    Provider get(String identifier) {
        return find(identifier).orElseThrow(() -> new IllegalStateException("No provider " + identifier));
    }

    List<String> identifiers() {
        return List.copyOf(byIdentifier.keySet());
    }
}
