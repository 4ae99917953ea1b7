package io.databridge.postgres.core;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.databridge.postgres.bulk.BulkOptions;
import io.databridge.postgres.bulk.BulkProgressListener;
import io.databridge.postgres.bulk.BulkSettings;
import io.databridge.postgres.bulk.InDoubtRecovery;
import io.databridge.postgres.internal.bulk.BulkOutcome;
import io.databridge.postgres.internal.bulk.DefaultBulkInserter;
import io.databridge.postgres.internal.bulk.InDoubtResolution;
import io.databridge.postgres.internal.core.EntityStatements;
import io.databridge.postgres.internal.core.RepositorySupport;
import io.databridge.postgres.internal.observation.BulkFacts;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The template's {@link PgBulkOperations}: checks arguments and hands the load to the
 * bulk engine, created on first use from the settings and listener (changing either makes
 * a new one). Thread-safe once configured.
 */
final class TemplateBulkOperations implements PgBulkOperations {

	private final RepositorySupport support;

	private volatile BulkSettings settings = new BulkSettings();

	private volatile BulkProgressListener progress = BulkProgressListener.NONE;

	private volatile @Nullable DefaultBulkInserter inserter;

	TemplateBulkOperations(RepositorySupport support) {
		this.support = support;
	}

	BulkSettings settings() {
		return this.settings;
	}

	void setSettings(BulkSettings settings) {
		Assert.notNull(settings, "BulkSettings must not be null");
		this.settings = settings.copy();
		this.inserter = null;
	}

	BulkProgressListener progress() {
		return this.progress;
	}

	void setProgress(BulkProgressListener listener) {
		Assert.notNull(listener, "BulkProgressListener must not be null");
		this.progress = listener;
		this.inserter = null;
	}

	/** The bulk engine, created on first use from the settings and listener. */
	DefaultBulkInserter inserter() {
		DefaultBulkInserter current = this.inserter;
		if (current == null) {
			DataSource dataSource = this.support.jdbc().getDataSource();
			Assert.state(dataSource != null, "The JdbcTemplate has no DataSource");
			current = new DefaultBulkInserter(dataSource, this.support.jdbc().getExceptionTranslator(), this.settings,
					this.progress);
			this.inserter = current;
		}
		return current;
	}

	@Override
	public <T> long insertAll(Iterable<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return insert(entities, type, options, false).rows();
	}

	@Override
	public <T> long insertAll(Stream<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return insert(onePass(entities), type, options, false).rows();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T, ID> List<ID> insertAllReturningIds(Iterable<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return (List<ID>) insert(entities, type, options, true).ids();
	}

	@Override
	public <T, ID> List<ID> insertAllReturningIds(Stream<? extends T> entities, Class<T> type, BulkOptions options) {
		Assert.notNull(entities, "Entities must not be null");
		return insertAllReturningIds(onePass(entities), type, options);
	}

	@Override
	public InDoubtRecovery recoverInDoubtTransactions() {
		return recovery(inserter().recoverInDoubtTransactions());
	}

	@Override
	public List<String> preparedTransactions() {
		return inserter().preparedTransactions();
	}

	@Override
	public InDoubtRecovery recoverInDoubtTransactionsIfAny() {
		return recovery(inserter().recoverInDoubtTransactionsIfAny());
	}

	private <T> BulkOutcome insert(Iterable<? extends T> rows, Class<T> type, BulkOptions options, boolean returnIds) {
		Assert.notNull(options, "BulkOptions must not be null");
		EntityStatements<T> statements = this.support.statements(type);
		return this.support.observer()
			.bulk(statements.entity().tableName(), options.atomicity().name(),
					() -> inserter().insert(statements, rows, options, returnIds),
					(outcome) -> new BulkFacts(outcome.rows(), outcome.bytes(), outcome.path(), outcome.partitions(),
							outcome.phaseNanos()));
	}

	private static InDoubtRecovery recovery(InDoubtResolution resolution) {
		return new InDoubtRecovery(resolution.committed(), resolution.rolledBack(), resolution.live());
	}

	/** A stream as an {@code Iterable} that may be iterated once. */
	@SuppressWarnings("unchecked")
	private static <T> Iterable<T> onePass(Stream<? extends T> stream) {
		return () -> (Iterator<T>) stream.iterator();
	}

}
