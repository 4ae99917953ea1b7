package io.databridge.postgres.support;

import io.databridge.postgres.test.ScratchCluster;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link ScratchCluster} on a port before a test class and deletes it after; the
 * class is skipped, with the reason, where no cluster can be started. Use as a
 * {@code static} {@code @RegisterExtension} field.
 */
final class ScratchClusterExtension implements BeforeAllCallback, AfterAllCallback {

	private final int port;

	private @Nullable ScratchCluster cluster;

	ScratchClusterExtension(int port) {
		this.port = port;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		String reason = ScratchCluster.unavailableReason();
		Assumptions.assumeTrue(reason == null, () -> "No scratch cluster: " + reason);
		this.cluster = ScratchCluster.start(this.port);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		ScratchCluster started = this.cluster;
		this.cluster = null;
		if (started != null) {
			started.close();
		}
	}

	/** The running cluster. */
	ScratchCluster cluster() {
		ScratchCluster started = this.cluster;
		if (started == null) {
			throw new IllegalStateException("No scratch cluster on port " + this.port + " is running");
		}
		return started;
	}

}
