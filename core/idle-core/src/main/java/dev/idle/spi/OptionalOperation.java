package dev.idle.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Marks the interface of an optional provider method that backs no capability of its own, such as
 * {@code BulkRevokeEntitlements}: steps use it when the provider implements it and fall back to the capability's
 * own method otherwise. It names the method and says whether it only reads ({@link Operation#of(Class)} reads it).
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OptionalOperation {
    /** IdLE's name of the method ({@code BulkRevokeEntitlements}). */
    String method();

    /** Whether the method only reads the backend or may change it. */
    Access access();
}
