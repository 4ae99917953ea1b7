package io.databridge.postgres.internal.observation;

import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A stream of rows read through a cursor whose statement is observed: the statement ends
 * (its observation stops, its log line is written) exactly once, at the first of these:
 * the last row was read, reading failed, the stream was closed, or the transaction it was
 * opened in ended. An exception of the caller's own code run on a row is not an error of
 * the statement. Not thread-safe, like any stream; the end may come from another thread
 * (a transaction's completion).
 *
 * @param <T> the row type
 */
final class ObservedStream<T> extends Spliterators.AbstractSpliterator<T> {

	private final Spliterator<T> source;

	private final End end;

	private final AtomicBoolean ended = new AtomicBoolean();

	private long rows;

	private ObservedStream(Spliterator<T> source, End end) {
		super(Long.MAX_VALUE, source.characteristics() & (Spliterator.ORDERED | Spliterator.NONNULL));
		this.source = source;
		this.end = end;
	}

	/**
	 * Wraps a stream.
	 * @param source the stream over the cursor
	 * @param end told once when the statement ends
	 * @return the stream to hand out; closing it closes the source
	 */
	static <T> Stream<T> of(Stream<T> source, End end) {
		ObservedStream<T> cursor = new ObservedStream<>(source.spliterator(), end);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					cursor.finish(null);
				}
			});
		}
		return StreamSupport.stream(cursor, false).onClose(() -> {
			try {
				source.close();
			}
			finally {
				cursor.finish(null);
			}
		});
	}

	@Override
	public boolean tryAdvance(Consumer<? super T> action) {
		boolean[] callerFailed = new boolean[1];
		try {
			boolean more = this.source.tryAdvance((row) -> {
				this.rows++;
				try {
					action.accept(row);
				}
				catch (RuntimeException ex) {
					callerFailed[0] = true;
					throw ex;
				}
			});
			if (!more) {
				finish(null);
			}
			return more;
		}
		catch (RuntimeException ex) {
			if (!callerFailed[0]) {
				finish(ex);
			}
			throw ex;
		}
	}

	private void finish(@Nullable RuntimeException error) {
		if (this.ended.compareAndSet(false, true)) {
			this.end.ended(this.rows, error);
		}
	}

	/** Told when the statement of a stream ends. */
	@FunctionalInterface
	interface End {

		/**
		 * The statement ended.
		 * @param rows the rows read
		 * @param error the error that ended it, or {@code null}
		 */
		void ended(long rows, @Nullable RuntimeException error);

	}

}
