package dev.idle.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The definition of a capability, carried by the one-method interface a provider implements to offer it (as a
 * ConnId connector implements one {@code SPIOperation} per operation). Example:
 * <pre>
 * &#64;CapabilityContract(id = "IdLE.Identity.RevokeSessions", method = "RevokeSessions", access = Access.WRITE)
 * public interface SessionRevoker { ProviderResult revokeSessions(String identityKey, AuthSession session); }
 * </pre>
 * Everything else is derived from it: {@link Capability#of(Class)}, the method name steps use in messages and
 * {@link Provider#acceptsAuthSession}, the default of {@link Provider#capabilities()}, the check at host load that a
 * provider implements what it advertises, and the testkit's contract cases. An extension's own capability
 * interfaces carry it too, and are registered through a {@link CapabilityPack}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CapabilityContract {
    /**
     * The capability id, spelled as workflows, plan exports and error messages spell it
     * ({@code IdLE.Identity.RevokeSessions}); dotted words, matched ignoring case. Extensions use a prefix of their
     * own, not {@code IdLE.}.
     */
    String id();

    /** IdLE's name of the interface's operation ({@code RevokeSessions}), as {@code ProviderResult.operation()}. */
    String method();

    /** Whether the operation only reads the backend or may change it. */
    Access access();

    /** Older spellings of {@link #id()} that name the same capability (matched ignoring case, like the id). */
    String[] aliases() default {};
}
