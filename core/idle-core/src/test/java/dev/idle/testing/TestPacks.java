package dev.idle.testing;

import dev.idle.spi.Provider;
import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.List;

/** A small step pack, pack and metadata factories, and providers for catalog, planner and validator tests. */
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

    /** A pack named {@code name} with exactly this metadata and these handlers. */
    public static StepPack pack(String name, List<StepMetadata> catalog, List<Step> steps) {
        return new StepPack() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<StepMetadata> catalog() {
                return catalog;
            }

            @Override
            public List<Step> steps() {
                return steps;
            }
        };
    }

    /** Permissive metadata for {@code type}: no capabilities, no provider, any {@code With} key. */
    public static StepMetadata anyWith(String type) {
        return new StepMetadata(type, List.of(), List.of(), List.of("*"), null);
    }

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
