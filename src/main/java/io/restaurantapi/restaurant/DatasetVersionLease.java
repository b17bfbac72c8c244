package io.restaurantapi.restaurant;

import io.restaurantapi.dataset.DatasetVersion;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The current dataset version, read from the database at most {@link DatasetVersion#READER_LEASE} before it is
 * used, which is as fresh as the seeder's protocol requires (see {@link DatasetVersion}).
 *
 * <p>Under steady traffic no request waits for that read: once half the lease has passed, the one request that
 * notices first reads the version again, and the others go on with the one they have. A request that finds the
 * lease run out (after a quiet spell, or while the database is slow or down) reads for itself.
 */
final class DatasetVersionLease {

    private static final long LEASE_NANOS = DatasetVersion.READER_LEASE.toNanos();

    private final Supplier<String> read;
    private final LongSupplier nanoClock;
    private final AtomicReference<Reading> latest = new AtomicReference<>();
    private final AtomicBoolean renewing = new AtomicBoolean();

    DatasetVersionLease(Supplier<String> read, LongSupplier nanoClock) {
        this.read = read;
        this.nanoClock = nanoClock;
    }

    String current() {
        Reading reading = latest.get();
        long age = reading == null ? Long.MAX_VALUE : nanoClock.getAsLong() - reading.startedAt();
        if (age >= LEASE_NANOS) {
            return readNow();
        }
        if (age < LEASE_NANOS / 2 || !renewing.compareAndSet(false, true)) {
            return reading.version();
        }
        try {
            return readNow();
        } finally {
            renewing.set(false);
        }
    }

    private String readNow() {
        Reading reading = new Reading(nanoClock.getAsLong(), read.get());
        latest.accumulateAndGet(
                reading, (kept, fresh) -> kept == null || fresh.startedAt() - kept.startedAt() > 0 ? fresh : kept);
        return reading.version();
    }

    /** A version, and when the read that returned it began: it is at least that recent. */
    private record Reading(long startedAt, String version) {}
}
