package io.echogateway.drain.state;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.echogateway.drain.connection.CloseReason;
import io.echogateway.drain.state.CloseDecision.Phase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The close decision of one connection, without sockets.
 */
class CloseDecisionTests {

	private final CloseDecision decision = new CloseDecision();

	@Test
	void anIdleConnectionClosesAtOnceWhenAskedToCloseAfterItsReply() {
		assertThat(this.decision.closeAfterReply(CloseReason.DRAIN, null)).isTrue();
		assertThat(this.decision.phase()).isEqualTo(Phase.CLOSING);
		assertThat(this.decision.closed()).isEqualTo(CloseReason.DRAIN);
	}

	@Test
	void aBusyConnectionClosesWhenItsLastRequestIsAnswered() throws InterruptedException {
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		this.decision.frameRead(System.nanoTime());
		assertThat(this.decision.closeAfterReply(CloseReason.DRAIN, null)).isFalse();
		assertThat(this.decision.phase()).isEqualTo(Phase.CLOSE_AFTER_REPLY);
		assertThat(this.decision.requestFinished(() -> { })).isTrue();
		assertThat(this.decision.phase()).isEqualTo(Phase.CLOSING);
	}

	@Test
	void aFailedRequestClosesItsConnectionOnceTheOtherRequestsAreAnsweredWithTheReasonError()
			throws InterruptedException {
		for (int i = 0; i < 2; i++) {
			assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
			this.decision.frameRead(System.nanoTime());
		}
		assertThat(this.decision.requestFailed(() -> { })).isFalse();
		assertThat(this.decision.phase()).isEqualTo(Phase.CLOSE_AFTER_REPLY);
		assertThat(this.decision.admitFrame(System.nanoTime())).as("a new frame after the failure").isFalse();
		assertThat(this.decision.requestFinished(() -> { })).isTrue();
		assertThat(this.decision.closed()).isEqualTo(CloseReason.ERROR);
	}

	@Test
	void aFailureDuringADrainIsTheReasonTheConnectionCloses() throws InterruptedException {
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		this.decision.frameRead(System.nanoTime());
		assertThat(this.decision.closeAfterReply(CloseReason.DRAIN, null)).isFalse();
		assertThat(this.decision.requestFailed(() -> { })).isTrue();
		assertThat(this.decision.closed()).isEqualTo(CloseReason.ERROR);
	}

	@Test
	void anAdminCloseDuringADrainKeepsTheDrainsGoodbyeAndReason() throws InterruptedException {
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		this.decision.frameRead(System.nanoTime());
		assertThat(this.decision.closeAfterReply(CloseReason.DRAIN, "bye")).isFalse();
		assertThat(this.decision.closeAfterReply(CloseReason.ADMIN, null)).isFalse();
		assertThat(this.decision.requestFinished(() -> { })).isTrue();
		assertThat(this.decision.goodbye()).isEqualTo("bye");
		assertThat(this.decision.closed()).isEqualTo(CloseReason.DRAIN);
	}

	@Test
	void aFrameRefusedAfterTheGoodbyeOfACooperativeDrainClosesTheConnectionAfterItsReply()
			throws InterruptedException {
		assertThat(this.decision.awaitClient()).isTrue();
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		this.decision.frameRead(System.nanoTime());
		this.decision.refuseFrame(CloseReason.OVERSIZE);
		assertThat(this.decision.admitFrame(System.nanoTime())).as("the rest of the refused frame").isFalse();
		assertThat(this.decision.requestFinished(() -> { })).isTrue();
		assertThat(this.decision.closed()).isEqualTo(CloseReason.OVERSIZE);
	}

	@Test
	void aRequestSettledAfterItsConnectionClosedIsNotCountedTwice() throws InterruptedException {
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		this.decision.frameRead(System.nanoTime());
		this.decision.closed();
		assertThat(this.decision.unansweredAtClose()).isEqualTo(1);
		AtomicInteger counted = new AtomicInteger();
		this.decision.requestFailed(counted::incrementAndGet);
		this.decision.requestFinished(counted::incrementAndGet);
		assertThat(counted).hasValue(0);
	}

	@Test
	void theFirstFrameOfAConnectionBeingTurnedAwayWaitsForTheRefusalOnlySoLong() throws InterruptedException {
		CloseDecision rejected = new CloseDecision(Duration.ofMillis(200));
		rejected.reject();
		long start = System.nanoTime();
		assertThat(rejected.admitFrame(System.nanoTime())).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200))
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aReplyNoRequestWaitsForLeavesTheCountOfRequestsInFlightAtZero() {
		assertThat(this.decision.requestFinished(() -> { })).isFalse();
		assertThat(this.decision.inFlight()).isZero();
		assertThat(this.decision.isIdle()).isTrue();
	}

	@Test
	void aFramePartlyReadKeepsTheConnectionOpenUntilItIsAnswered() throws InterruptedException {
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		assertThat(this.decision.isIdle()).isFalse();
		assertThat(this.decision.closeAfterReply(CloseReason.DRAIN, null)).isFalse();
		this.decision.frameRead(System.nanoTime());
		assertThat(this.decision.requestFinished(() -> { })).isTrue();
	}

	@Test
	void noNewFrameIsAdmittedOnceACloseIsDecided() throws InterruptedException {
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		this.decision.frameRead(System.nanoTime());
		this.decision.closeAfterReply(CloseReason.DRAIN, null);
		assertThat(this.decision.admitFrame(System.nanoTime())).isFalse();
	}

	@Test
	void aGracefulCloseStuckOnItsGoodbyeCanStillBeCutShortOnce() {
		assertThat(this.decision.closeAfterReply(CloseReason.DRAIN, "bye")).as("idle: closing now, goodbye first")
			.isTrue();
		assertThat(this.decision.closeNow(CloseReason.FORCED)).as("the deadline cuts the goodbye short").isTrue();
		assertThat(this.decision.closeNow(CloseReason.SEND_TIMEOUT)).isFalse();
		assertThat(this.decision.closed()).isEqualTo(CloseReason.FORCED);
	}

	@Test
	void theReasonIsTheClientsUnlessTheServerDecidedToClose() {
		assertThat(this.decision.closed()).isEqualTo(CloseReason.CLIENT);
	}

	@Test
	void closingNowHappensOnceAndWinsOverAnEarlierGracefulDecision() throws InterruptedException {
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		this.decision.frameRead(System.nanoTime());
		this.decision.closeAfterReply(CloseReason.DRAIN, null);
		assertThat(this.decision.closeNow(CloseReason.FORCED)).isTrue();
		assertThat(this.decision.closeNow(CloseReason.FORCED)).isFalse();
		assertThat(this.decision.requestFinished(() -> { })).isFalse();
		assertThat(this.decision.closed()).isEqualTo(CloseReason.FORCED);
	}

	@Test
	void aRejectedConnectionHoldsItsFirstFrameUntilItIsClosedAndThenRefusesIt() throws Exception {
		this.decision.reject();
		CompletableFuture<Boolean> admitted = CompletableFuture.supplyAsync(() -> {
			try {
				return this.decision.admitFrame(System.nanoTime());
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> !admitted.isDone());
		assertThat(this.decision.closeNow(CloseReason.ERROR)).isTrue();
		assertThat(admitted.get(5, TimeUnit.SECONDS)).isFalse();
	}

	@Test
	void theRequestAgeCountsFromTheFirstByteOfAFramePartlyRead() throws InterruptedException {
		assertThat(this.decision.requestAge()).isZero();
		assertThat(this.decision.admitFrame(System.nanoTime())).isTrue();
		await().atMost(Duration.ofSeconds(1)).until(() -> this.decision.requestAge().toMillis() >= 20);
		this.decision.frameRead(System.nanoTime());
		assertThat(this.decision.requestAge()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
		this.decision.requestFinished(() -> { });
		assertThat(this.decision.requestAge()).isZero();
	}

}
