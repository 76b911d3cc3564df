package dev.idle.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * What an output path names, and whether IdLE may write there: the rules {@link AtomicFiles} and {@link LineFile}
 * share. A symbolic link is followed only when the link (each link of a chain) and its target belong to the user
 * running IdLE: a link planted in a shared folder by someone else must not redirect a write. The path it ends at may
 * be absent or a regular file ({@link Kind#FILE}: replaced or appended), a character device or a FIFO
 * ({@link Kind#WRITE_THROUGH}: opened and written, never replaced or renamed over, so {@code /dev/stdout} or a pipe
 * keeps working). Anything else (a directory, a block device, a socket) is refused with an {@link IdleInputException}
 * naming the path.
 *
 * <p>Stateless; thread-safe.
 */
final class OutputTarget {
    /** How a target is written. */
    enum Kind {
        /** Absent or a regular file. */
        FILE,
        /** A character device or a FIFO: opened for writing, never created, replaced or renamed over. */
        WRITE_THROUGH
    }

    /** The most links followed; the same bound as Linux's own resolution of a path. */
    private static final int MAX_LINKS = 40;
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final Kind kind;

    private OutputTarget(Path path, Kind kind) {
        this.path = path;
        this.kind = kind;
    }

    /** The absolute path to write: {@code file} itself, or the end of the links it names. */
    Path path() {
        return path;
    }

    Kind kind() {
        return kind;
    }

    /**
     * Resolves {@code file} as an output.
     *
     * @throws IdleInputException naming {@code file} when IdLE must not write there
     * @throws IOException when the file system cannot answer (the caller reports it as a failed write)
     */
    static OutputTarget of(Path file) throws IOException {
        Path p = file.toAbsolutePath();
        boolean linked = false;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINKS) {
                throw refused(file, "too many levels of symbolic links");
            }
            if (!ownedByCurrentUser(p)) {
                throw refused(file, "it is a symbolic link (" + p + ") that belongs to another user");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p));
            linked = true;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return new OutputTarget(p, Kind.FILE);
        }
        if (linked && !ownedByCurrentUser(p)) {
            throw refused(file, "it is a symbolic link to " + p + ", which belongs to another user");
        }
        if (attrs.isRegularFile()) {
            return new OutputTarget(p, Kind.FILE);
        }
        if (attrs.isDirectory()) {
            throw refused(file, "it is a directory");
        }
        return switch (fileType(p)) {
            case S_IFIFO, S_IFCHR -> new OutputTarget(p, Kind.WRITE_THROUGH);
            case S_IFBLK -> throw refused(file, "it is a block device; IdLE writes regular files, character devices"
                    + " and FIFOs only");
            case S_IFSOCK -> throw refused(file, "it is a socket; IdLE writes regular files, character devices"
                    + " and FIFOs only");
            default -> throw refused(file, "it is a special file; IdLE writes regular files, character devices"
                    + " and FIFOs only");
        };
    }

    /**
     * The attribute that creates a file readable and writable by its owner only ({@code 0600}), or none when the file
     * system of {@code dir} has no POSIX permissions (Windows: the folder's ACL applies).
     */
    static FileAttribute<?>[] ownerOnly(Path dir) {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }

    /** Writes all of {@code content}: a channel may take fewer bytes per call than it is given. */
    static void writeAll(WritableByteChannel channel, byte[] content) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    private static IdleInputException refused(Path file, String why) {
        return new IdleInputException(file + ": cannot write: " + why);
    }

    /** {@code st_mode & S_IFMT}, or 0 where the file system has no Unix attributes. */
    private static int fileType(Path p) throws IOException {
        try {
            return ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & S_IFMT;
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return 0;
        }
    }

    private static boolean ownedByCurrentUser(Path p) throws IOException {
        try {
            Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return uid instanceof Integer i && Integer.toUnsignedLong(i) == CurrentUser.UID;
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            UserPrincipal owner = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = p.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            return owner.equals(me);
        }
    }

    /** The uid of the process, looked up once; -1 where there is none (not a Unix system). */
    private static final class CurrentUser {
        static final long UID = uid();

        private static long uid() {
            try {
                return new com.sun.security.auth.module.UnixSystem().getUid();
            } catch (UnsatisfiedLinkError | NoClassDefFoundError | UnsupportedOperationException notUnix) {
                return -1;
            }
        }
    }
}
