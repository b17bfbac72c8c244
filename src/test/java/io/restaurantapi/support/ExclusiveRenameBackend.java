package io.restaurantapi.support;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-process server's memory backend, with {@code renameCollection} as exclusive as MongoDB makes it. MongoDB
 * holds an exclusive lock on both collections for the whole rename, so no other operation ever finds the target
 * missing; mongo-java-server drops the target and then moves the source into its place, and a read in between
 * finds no collection at all. Here the rename waits for the commands in flight, and the next ones wait for it.
 */
public final class ExclusiveRenameBackend extends MemoryBackend {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Lock held = command.equalsIgnoreCase("renameCollection") ? lock.writeLock() : lock.readLock();
        held.lock();
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            held.unlock();
        }
    }
}
