package dev.idle.testing;

import dev.idle.spi.Provider;
import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.List;

/** A small step pack and providers for planner and validator tests. */
public final class TestPacks {
    private TestPacks() {
    }

    /**
     * {@code Test.Emit}: no provider, optional Message. {@code Test.Disable}: provider alias {@code Identity},
     * requires IdentityKey and capability IdLE.Identity.Disable. {@code Test.Mailbox}: alias {@code ExchangeOnline},
     * requires the deprecated capability IdLE.Mailbox.Read. {@code Test.Any}: permissive, no provider.
     */
    public static final StepPack PACK = new StepPack() {
        @Override
        public String name() {
            return "Test.Pack";
        }

        @Override
        public List<StepMetadata> catalog() {
            return List.of(
                    new StepMetadata("Test.Emit", List.of(), List.of(), List.of("Message"), null),
                    new StepMetadata("Test.Disable", List.of("IdLE.Identity.Disable"), List.of("IdentityKey"),
                            StepMetadata.PROVIDER_KEYS, "Identity"),
                    new StepMetadata("Test.Mailbox", List.of("IdLE.Mailbox.Read"), List.of("IdentityKey"),
                            StepMetadata.PROVIDER_KEYS, "ExchangeOnline"),
                    new StepMetadata("Test.Any", List.of(), List.of(), List.of("*"), null));
        }

        @Override
        public List<Step> steps() {
            return List.of();
        }
    };

    /** A provider advertising exactly {@code caps}. */
    public static Provider provider(String... caps) {
        List<String> list = List.of(caps);
        return new Provider() {
            @Override
            public List<String> capabilities() {
                return list;
            }
        };
    }
}
