package io.herald.integrations;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Every {@link OAuthProvider} in the application, by identifier. */
@Component
class OAuthProviders {

    private final Map<String, OAuthProvider> byIdentifier;

    OAuthProviders(List<OAuthProvider> providers) {
        this.byIdentifier = providers.stream()
                .collect(Collectors.toMap(OAuthProvider::identifier, Function.identity(), (a, b) -> a, TreeMap::new));
    }

    Optional<OAuthProvider> find(String identifier) {
        return Optional.ofNullable(byIdentifier.get(identifier));
    }

    List<String> identifiers() {
        return List.copyOf(byIdentifier.keySet());
    }
}
