package dev.idle.simsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the files a simulator hands its clients (key stores, private keys, trust files) readable by their owner only
 * ({@code 0600} where the file system has POSIX permissions), replacing an older file of the same name. Simulators
 * stand apart from the engine (they never use {@code dev.idle.api}), so this is their own small writer, not
 * {@code AtomicFiles}: a simulator's files are its own, in its own work folder, so no target rules are needed.
 *
 * <p>Stateless; thread-safe for distinct paths.
 */
public final class SimulatorFiles {
    private SimulatorFiles() {
    }

    /** Writes {@code text} (UTF-8) to {@code file}, creating its folder. */
    public static void writePrivate(Path file, String text) throws IOException {
        writePrivate(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to {@code file} as a new owner-only file, creating its folder. */
    public static void writePrivate(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // deleted first: CREATE_NEW is what applies the permissions, and it never follows a link left at the path
        Files.deleteIfExists(file);
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try (FileChannel ch = FileChannel.open(file, options, ownerOnly(dir))) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
