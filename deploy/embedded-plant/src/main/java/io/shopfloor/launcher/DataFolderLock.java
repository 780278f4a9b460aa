package io.shopfloor.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One plant per data folder: an OS file lock on {@code plant.lock}, held while the plant runs. The OS releases it
 * when the process dies, also by {@code kill -9}; so a start that gets the lock knows that whatever still runs on
 * the folder (a PostgreSQL server) was left behind by a crash, and may stop it.
 */
final class DataFolderLock implements AutoCloseable {
    static final String FILE_NAME = "plant.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or fails at once when another running process holds it. */
    static DataFolderLock acquire(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // this process runs a plant on the folder already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new StartFailure("another embedded plant runs on " + dataDirectory + " (process " + holder
                    + "); stop it first, or start with another --data-dir");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid())
                .getBytes(StandardCharsets.UTF_8)), 0);
        return new DataFolderLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    @Override
    public String toString() {
        return "data folder lock";
    }
}
