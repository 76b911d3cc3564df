package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The identity a key names does not exist. A provider throws it from a read ({@link IdentityReader#getIdentity})
 * so that a caller can tell "absent" from a read that failed: a plan preview then says that CreateIdentity will
 * create it and that DeleteIdentity has nothing to delete. Never transient. A provider that throws a plain
 * {@link ProviderException} for an absent identity still works; its previews say only that they cannot read.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class IdentityNotFoundException extends ProviderException {
    public IdentityNotFoundException(String message) {
        super(message);
    }
}
