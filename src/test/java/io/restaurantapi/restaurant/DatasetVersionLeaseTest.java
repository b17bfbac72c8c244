package io.restaurantapi.restaurant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restaurantapi.dataset.DatasetVersion;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DatasetVersionLeaseTest {

    private static final long LEASE = DatasetVersion.READER_LEASE.toNanos();

    private long now = 1_000_000;
    private final Deque<Supplier<String>> reads = new ArrayDeque<>();
    private int readCount;
    private final DatasetVersionLease lease = new DatasetVersionLease(this::read, () -> now);

    private String read() {
        readCount++;
        return reads.isEmpty() ? "v" + readCount : reads.removeFirst().get();
    }

    @Test
    void readsTheVersionOnFirstUse() {
        assertThat(lease.current()).isEqualTo("v1");
        assertThat(readCount).isEqualTo(1);
    }

    @Test
    void usesTheVersionItHasForHalfTheLeaseWithoutReading() {
        lease.current();
        now += LEASE / 2 - 1;

        assertThat(lease.current()).isEqualTo("v1");
        assertThat(readCount).isEqualTo(1);
    }

    @Test
    void readsAgainOnceHalfTheLeaseHasPassedSoThatOthersNeedNotWait() {
        lease.current();
        now += LEASE / 2;

        assertThat(lease.current()).isEqualTo("v2");
        assertThat(lease.current()).isEqualTo("v2");
        assertThat(readCount).isEqualTo(2);
    }

    @Test
    void letsOthersUseTheVersionItHasWhileOneRequestRenewsIt() {
        lease.current();
        now += LEASE / 2;
        String[] seenDuringRenewal = new String[1];
        reads.add(() -> {
            seenDuringRenewal[0] = lease.current();
            return "v2";
        });

        assertThat(lease.current()).isEqualTo("v2");
        assertThat(seenDuringRenewal[0]).isEqualTo("v1");
        assertThat(readCount).isEqualTo(2);
    }

    @Test
    void neverUsesAVersionOnceTheLeaseSinceItsReadBeganHasRunOut() {
        reads.add(() -> {
            now += LEASE / 2;
            return "slow";
        });
        lease.current();
        now += LEASE / 2;

        assertThat(lease.current()).isEqualTo("v2");
    }

    @Test
    void readsForItselfWhenTheLeaseRunsOutWhileAnotherRequestIsStillRenewingIt() {
        lease.current();
        now += LEASE / 2;
        String[] seenOnceTheLeaseRanOut = new String[1];
        reads.add(() -> {
            now += LEASE / 2;
            seenOnceTheLeaseRanOut[0] = lease.current();
            return "renewed";
        });

        lease.current();

        assertThat(seenOnceTheLeaseRanOut[0])
                .as("the version used by a request once v1's lease has run out")
                .isEqualTo("v3");
    }

    @Test
    void agesAReadingFromWhenItsReadBeganNotWhenItEnded() {
        reads.add(() -> {
            now += LEASE;
            return "took the whole lease";
        });
        assertThat(lease.current()).isEqualTo("took the whole lease");

        assertThat(lease.current()).isEqualTo("v2");
    }

    @Test
    void readsForItselfWhenTheLeaseHasRunOut() {
        lease.current();
        now += LEASE;

        assertThat(lease.current()).isEqualTo("v2");
        assertThat(readCount).isEqualTo(2);
    }

    @Test
    void keepsTheMostRecentReadWhenAnOlderOneEndsLater() {
        reads.add(() -> {
            now += 1;
            lease.current();
            return "older";
        });

        assertThat(lease.current()).isEqualTo("older");
        assertThat(lease.current()).isEqualTo("v2");
        assertThat(readCount).isEqualTo(2);
    }

    @Test
    void passesAFailedReadOnAndTriesAgainOnTheNextRequest() {
        lease.current();
        now += LEASE / 2;
        reads.add(() -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(lease::current).hasMessage("database down");
        assertThat(lease.current()).isEqualTo("v3");
    }

    @Test
    void failsWhenTheLeaseHasRunOutAndTheDatabaseCannotBeRead() {
        lease.current();
        now += LEASE;
        reads.add(() -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(lease::current).hasMessage("database down");
    }
}
