package io.herald;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The modules depend on each other only through their API packages, and never in a cycle. */
class ModularityTests {

    @Test
    void modulesOnlyUseEachOthersApi() {
        ApplicationModules.of(HeraldApplication.class).verify();
    }
}
