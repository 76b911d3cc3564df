package dev.idle.spi;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * The mailbox semantics every mailbox provider shares (upstream's Exchange Online provider, providers.md §7.3–7.4):
 * type normalisation, validation of out-of-office and permission requests, the message normalisation used for drift
 * comparison, and the 60-second tolerance for scheduled times. The mock and the Exchange Online provider both use it,
 * so they agree on what counts as drift.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MailboxRules {
    public static final List<String> TYPES = List.of("User", "Shared", "Room", "Equipment");
    public static final List<String> MODES = List.of("Disabled", "Enabled", "Scheduled");
    public static final List<String> AUDIENCES = List.of("None", "Known", "All");
    /** Rights in the order they are processed. */
    public static final List<String> RIGHTS = List.of("FullAccess", "SendAs", "SendOnBehalf");
    /** Event type prefix of the permission events ({@code Evaluated}, {@code Applying}, {@code Result}). */
    public static final String PERMISSION_EVENT_PREFIX = "Provider.ExchangeOnline.Permissions.";
    /** Scheduled start/end closer than this to the desired value are not drift. */
    public static final Duration SCHEDULE_TOLERANCE = Duration.ofSeconds(60);

    private static final DateTimeFormatter INVARIANT = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);

    private MailboxRules() {
    }

    /** The entry of {@code allowed} equal to {@code value} ignoring case and surrounding blanks, or null. */
    public static String oneOf(String value, List<String> allowed) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return allowed.stream().filter(a -> a.equalsIgnoreCase(v)).findFirst().orElse(null);
    }

    /**
     * Exchange's {@code RecipientTypeDetails} as IdLE's type (whole value, ignoring case):
     * {@code UserMailbox|LinkedMailbox|RemoteUserMailbox → User}, {@code SharedMailbox|RemoteSharedMailbox → Shared},
     * {@code RoomMailbox|RemoteRoomMailbox → Room}, {@code EquipmentMailbox|RemoteEquipmentMailbox → Equipment};
     * IdLE's own type names map to themselves; anything else is returned as given.
     */
    public static String normaliseType(String recipientTypeDetails) {
        if (recipientTypeDetails == null) {
            return null;
        }
        String canonical = oneOf(recipientTypeDetails, TYPES);
        if (canonical != null) {
            return canonical;
        }
        return switch (recipientTypeDetails.trim().toLowerCase(Locale.ROOT)) {
            case "usermailbox", "linkedmailbox", "remoteusermailbox" -> "User";
            case "sharedmailbox", "remotesharedmailbox" -> "Shared";
            case "roommailbox", "remoteroommailbox" -> "Room";
            case "equipmentmailbox", "remoteequipmentmailbox" -> "Equipment";
            default -> recipientTypeDetails;
        };
    }

    /** The desired type of an EnsureMailboxType call in its canonical spelling; throws for anything else. */
    public static String desiredType(String desiredType) {
        String desired = oneOf(desiredType, TYPES);
        if (desired == null) {
            throw new ProviderException("MailboxType must be one of: " + String.join(", ", TYPES) + ". Got: "
                    + Values.ps(desiredType));
        }
        return desired;
    }

    // ---- out of office -------------------------------------------------------------------------------------------

    /**
     * A validated out-of-office request. Only keys present in the config are converged: {@code has*} say which.
     * Start and End stay as given until {@link #start(ZoneId)} / {@link #end(ZoneId)} read them in a zone.
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record OutOfOfficeRequest(String mode, Object start, Object end, boolean hasInternalMessage,
                                     String internalMessage, boolean hasExternalMessage, String externalMessage,
                                     String externalAudience) {

        /**
         * Validates {@code config} with upstream's messages: Mode present and one of Disabled/Enabled/Scheduled,
         * Scheduled needs Start and End, dates readable, ExternalAudience one of None/Known/All.
         */
        public static OutOfOfficeRequest parse(DataMap config) {
            if (config == null || config.get("Mode") == null) {
                throw new ProviderException(
                        "OutOfOffice Config must contain 'Mode' key (Disabled, Enabled, or Scheduled).");
            }
            String mode = oneOf(Values.ps(config.get("Mode")), MODES);
            if (mode == null) {
                throw new ProviderException("OutOfOffice Config Mode must be 'Disabled', 'Enabled', or 'Scheduled'."
                        + " Got: " + Values.ps(config.get("Mode")));
            }
            Object start = blankToNull(config.get("Start"));
            Object end = blankToNull(config.get("End"));
            checkDate(start, "Start");
            checkDate(end, "End");
            if (mode.equals("Scheduled") && (start == null || end == null)) {
                throw new ProviderException("OutOfOffice Config Mode 'Scheduled' requires 'Start' and 'End' keys.");
            }
            String audience = null;
            if (config.containsKey("ExternalAudience")) {
                audience = oneOf(Values.ps(config.get("ExternalAudience")), AUDIENCES);
                if (audience == null) {
                    throw new ProviderException("OutOfOffice Config ExternalAudience must be 'None', 'Known', or "
                            + "'All'. Got: " + Values.ps(config.get("ExternalAudience")));
                }
            }
            return new OutOfOfficeRequest(mode, start, end, config.containsKey("InternalMessage"),
                    stringOrNull(config.get("InternalMessage")), config.containsKey("ExternalMessage"),
                    stringOrNull(config.get("ExternalMessage")), audience);
        }

        public Instant start(ZoneId zoneless) {
            return start == null ? null : toInstant(start, zoneless);
        }

        public Instant end(ZoneId zoneless) {
            return end == null ? null : toInstant(end, zoneless);
        }

        /**
         * Whether {@code current} differs from this request (providers.md §7.4.1): Mode; each message given (after
         * {@link #normaliseMessage}, ignoring case); ExternalAudience given (ignoring case); for Scheduled, Start or
         * End more than {@link #SCHEDULE_TOLERANCE} away (or unknown). Zone-less desired dates are read in
         * {@code zoneless}.
         */
        public boolean drifts(CurrentOutOfOffice current, ZoneId zoneless) {
            CurrentOutOfOffice c = current == null ? new CurrentOutOfOffice("Disabled", null, null, null, null, null)
                    : current;
            String currentMode = c.mode() == null || c.mode().isBlank() ? "Disabled" : c.mode();
            return !mode.equalsIgnoreCase(currentMode)
                    || (hasInternalMessage && !normaliseMessage(internalMessage)
                            .equalsIgnoreCase(normaliseMessage(c.internalMessage())))
                    || (hasExternalMessage && !normaliseMessage(externalMessage)
                            .equalsIgnoreCase(normaliseMessage(c.externalMessage())))
                    || (externalAudience != null && !externalAudience.equalsIgnoreCase(String.valueOf(
                            c.externalAudience())))
                    || (mode.equals("Scheduled") && (apart(c.start(), start(zoneless))
                            || apart(c.end(), end(zoneless))));
        }
    }

    /** Out-of-office state as read from a backend (Mode in IdLE's terms; null fields unknown/unset). */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record CurrentOutOfOffice(String mode, Instant start, Instant end, String internalMessage,
                                     String externalMessage, String externalAudience) {
    }

    private static boolean apart(Instant current, Instant desired) {
        return current == null || desired == null
                || Duration.between(current, desired).abs().compareTo(SCHEDULE_TOLERANCE) > 0;
    }

    private static void checkDate(Object value, String key) {
        if (value == null) {
            return;
        }
        try {
            toInstant(value, java.time.ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ProviderException("OutOfOffice Config " + key + " is not a date-time: '" + Values.ps(value)
                    + "'.");
        }
    }

    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_TAG = Pattern.compile("</?html[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEAD = Pattern.compile("<head[^>]*>(.*?)</head>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BODY_TAG = Pattern.compile("</?body[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPACE_RUN = Pattern.compile("[ \\t]{3,}");
    private static final Pattern NEWLINE_RUN = Pattern.compile("\n{4,}");

    /**
     * The form messages are compared in (never written): line endings as LF; the document wrapper that Exchange
     * adds around HTML replies ({@code <!DOCTYPE>}, {@code <html>}, {@code <head>} kept by its content,
     * {@code <body>}) removed; trimmed; runs of three or more spaces/tabs as two spaces; runs of four or more line
     * breaks as three. Null and empty are {@code ""}.
     */
    public static String normaliseMessage(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        String s = message.replace("\r\n", "\n").replace('\r', '\n');
        s = DOCTYPE.matcher(s).replaceAll("");
        s = HTML_TAG.matcher(s).replaceAll("");
        s = HEAD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1).trim()));
        s = BODY_TAG.matcher(s).replaceAll("");
        s = s.trim();
        s = SPACE_RUN.matcher(s).replaceAll("  ");
        s = NEWLINE_RUN.matcher(s).replaceAll("\n\n\n");
        return s.trim();
    }

    /**
     * A date-time value or string as an instant. Values with an offset or zone keep it; values without (a
     * {@code LocalDateTime}, {@code 2025-01-01T08:00:00}, {@code 01/31/2025 08:00:00}, a bare date) are read in
     * {@code zoneless}.
     *
     * @throws DateTimeParseException when the string is no date-time
     */
    public static Instant toInstant(Object value, ZoneId zoneless) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.atZone(zoneless).toInstant();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(zoneless).toInstant();
        }
        if (value instanceof TemporalAccessor t) {
            return Instant.from(t);
        }
        String s = Values.ps(value).trim();
        List<Function<String, Instant>> parsers = new ArrayList<>(List.of(
                x -> OffsetDateTime.parse(x).toInstant(),
                x -> ZonedDateTime.parse(x).toInstant(),
                x -> LocalDateTime.parse(x).atZone(zoneless).toInstant(),
                x -> LocalDate.parse(x).atStartOfDay(zoneless).toInstant(),
                x -> LocalDateTime.parse(x, INVARIANT).atZone(zoneless).toInstant()));
        DateTimeParseException last = null;
        for (Function<String, Instant> p : parsers) {
            try {
                return p.apply(s);
            } catch (DateTimeParseException e) {
                last = e;
            }
        }
        throw last;
    }

    // ---- permissions -----------------------------------------------------------------------------------------------

    /** One validated entry of EnsureMailboxPermissions: delegate (trimmed), canonical right, Present or not. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record PermissionRequest(String user, String right, boolean present) {
        public static PermissionRequest parse(DataMap p) {
            if (p == null) {
                throw new ProviderException("Each mailbox permission must be a map with AssignedUser, Right, Ensure.");
            }
            Object user = p.get("AssignedUser");
            if (!Values.isScalar(user) || Values.ps(user).isBlank()) {
                throw new ProviderException("Mailbox permission AssignedUser must be a non-empty string. Got: "
                        + Values.ps(user));
            }
            String right = oneOf(Values.ps(p.get("Right")), RIGHTS);
            if (right == null) {
                throw new ProviderException("Mailbox permission Right must be one of: " + String.join(", ", RIGHTS)
                        + ". Got: " + Values.ps(p.get("Right")));
            }
            String ensure = oneOf(Values.ps(p.get("Ensure")), List.of("Present", "Absent"));
            if (ensure == null) {
                throw new ProviderException("Mailbox permission Ensure must be one of: Present, Absent. Got: "
                        + Values.ps(p.get("Ensure")));
            }
            return new PermissionRequest(Values.ps(user).trim(), right, ensure.equals("Present"));
        }

        /** All entries of a request list, validated before anything is read or written. */
        public static List<PermissionRequest> parseAll(List<DataMap> permissions) {
            List<PermissionRequest> out = new ArrayList<>();
            for (DataMap p : permissions == null ? List.<DataMap>of() : permissions) {
                out.add(parse(p));
            }
            return out;
        }
    }

    private static Object blankToNull(Object v) {
        return v == null || (Values.isScalar(v) && Values.ps(v).isBlank()) ? null : v;
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : Values.ps(value);
    }
}
