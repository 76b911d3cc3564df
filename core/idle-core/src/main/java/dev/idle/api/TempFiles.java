package dev.idle.api;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The temp files of {@link AtomicFiles}. Each is named after its target, {@code .<target>.idle-<16 hex digits>.tmp},
 * and created {@code 0600} next to it, so that the next write of the same target finds and removes those a crash left
 * behind (a {@code kill -9} between writing a temp file and renaming it). A temp file in use is held under an OS file
 * lock, which dies with its process, and listed in this JVM's registry: a concurrent writer's temp file is never taken
 * for a leftover. Also removed: leftovers of IdLE 0.1 snapshots, named {@code .<target>.<digits>.tmp}.
 *
 * <p>Thread-safe; a {@link Temp} is used by one thread.
 */
final class TempFiles {
    /** Bytes of the target's name a temp file name repeats: room for the suffix within a 255-byte file name. */
    private static final int MAX_NAME_BYTES = 200;
    private static final Set<Path> IN_USE = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TempFiles() {
    }

    /** Creates a new locked, owner-only temp file for {@code target} in its folder. */
    static Temp create(Path target) throws IOException {
        Path dir = target.getParent();
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            Path temp = dir.resolve("." + baseName(target) + ".idle-" + HexFormat.of().formatHex(random) + ".tmp");
            FileChannel channel;
            try {
                channel = FileChannel.open(temp, options, OutputTarget.ownerOnly(dir));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 9) {
                    throw taken;
                }
                continue;
            }
            IN_USE.add(temp);
            return new Temp(temp, channel, lockOrNull(channel));
        }
    }

    /**
     * Removes the temp files of {@code target} that no process is writing. Best effort: a folder that cannot be read
     * or a file that cannot be locked is left alone.
     */
    static void removeAbandoned(Path target) {
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        Pattern ours = Pattern.compile("\\." + Pattern.quote(baseName(target)) + "\\.(idle-[0-9a-f]{16}|[0-9]+)\\.tmp");
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(dir,
                p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path temp : candidates) {
                removeIfAbandoned(temp);
            }
        } catch (IOException | DirectoryIteratorException unreadable) {
            // Leftovers only cost space; the write itself must not fail because of them.
        }
    }

    private static void removeIfAbandoned(Path temp) {
        if (IN_USE.contains(temp) || !Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
             FileLock lock = channel.tryLock()) {
            if (lock != null) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | OverlappingFileLockException inUseOrUnlockable) {
            // Another writer holds it, or this file system has no locks: not provably abandoned.
        }
    }

    /** The target's file name, cut (at a character boundary) to {@value #MAX_NAME_BYTES} UTF-8 bytes. */
    private static String baseName(Path target) {
        String name = target.getFileName().toString();
        int bytes = 0;
        int end = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            bytes += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES) {
                break;
            }
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    private static FileLock lockOrNull(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (IOException noLocksHere) {
            // Without a lock the file is only protected within this JVM; cleaners elsewhere cannot lock it either.
            return null;
        }
    }

    /** One temp file being written: {@link #write}, then {@link #renameTo}; {@link #close} removes it if not renamed. */
    static final class Temp implements Closeable {
        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean renamed;

        private Temp(Path path, FileChannel channel, FileLock lock) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        Path path() {
            return path;
        }

        /** Writes all of {@code content} and forces it to disk. */
        void write(byte[] content) throws IOException {
            OutputTarget.writeAll(channel, content);
            channel.force(true);
        }

        void renameTo(Path target, AtomicFiles.Rename rename) throws IOException {
            rename.move(path, target);
            renamed = true;
        }

        @Override
        public void close() {
            try {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
                channel.close();
                if (!renamed) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException ignored) {
                // The write already failed or succeeded; removing the temp file is best effort (the next write retries).
            } finally {
                IN_USE.remove(path);
            }
        }
    }
}
