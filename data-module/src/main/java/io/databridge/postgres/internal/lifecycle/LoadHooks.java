package io.databridge.postgres.internal.lifecycle;

/**
 * What runs for each entity of one type when it is read.
 *
 * @param callbacks whether after-convert callbacks may apply
 * @param events whether an {@code AfterLoadEvent} may have a listener
 */
public record LoadHooks(boolean callbacks, boolean events) {

	/** Whether anything runs at all. */
	public boolean any() {
		return this.callbacks || this.events;
	}

}
