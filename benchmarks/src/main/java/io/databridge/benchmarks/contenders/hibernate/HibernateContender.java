package io.databridge.benchmarks.contenders.hibernate;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.databridge.benchmarks.BenchEnvironment;
import io.databridge.benchmarks.BenchRow;
import io.databridge.benchmarks.EntityContender;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.Transaction;
import org.hibernate.jpa.HibernateHints;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Hibernate ORM through JPA, used the way a tuned application does: inserts with JDBC
 * batching on ({@code hibernate.jdbc.batch_size=1000}, ordered inserts, flush and clear
 * every 1,000 entities, one transaction); reads in a fresh {@code EntityManager} per call
 * with the read-only hint (what Spring Data JPA's read-only transactions give); streaming
 * through a {@code StatelessSession} with a fetch size, so entities are not kept in a
 * persistence context. Plain Hibernate, not Spring Data JPA's repository proxies.
 */
public final class HibernateContender extends EntityContender<HibUser> {

	private static final int BATCH = 1000;

	private @Nullable HikariDataSource pool;

	private @Nullable EntityManagerFactory factory;

	private int fetchSize;

	@Override
	public String name() {
		return "hibernate";
	}

	@Override
	public String description() {
		return "Hibernate ORM (JPA EntityManager) with batch_size=1000 and order_inserts; read-only hint for reads; "
				+ "StatelessSession for streaming";
	}

	@Override
	public int order() {
		return 40;
	}

	@Override
	public void open(BenchEnvironment environment) {
		HikariDataSource ds = environment.newDataSource(name(), 4);
		this.pool = ds;
		this.dataSource = ds;
		this.fetchSize = environment.fetchSize();
		this.factory = new HibernatePersistenceConfiguration("bench").managedClass(HibUser.class)
			.property("jakarta.persistence.nonJtaDataSource", ds)
			.property("hibernate.jdbc.batch_size", BATCH)
			.property("hibernate.order_inserts", true)
			.property("hibernate.hbm2ddl.auto", "none")
			.property("hibernate.show_sql", false)
			.createEntityManagerFactory();
	}

	@Override
	protected HibUser toEntity(BenchRow row) {
		return new HibUser(row.id(), row.name(), row.email(), row.age(), row.active(), row.score(), row.balance(),
				row.createdAt(), row.externalId(), row.profile());
	}

	@Override
	protected BenchRow toRow(HibUser user) {
		return new BenchRow(user.getId(), user.getName(), user.getEmail(), user.getAge(), user.isActive(),
				user.getScore(), user.getBalance(), user.getCreatedAt(), user.getExternalId(), user.getProfile());
	}

	@Override
	protected void insert(List<HibUser> entities) {
		try (EntityManager em = factory().createEntityManager()) {
			EntityTransaction tx = em.getTransaction();
			tx.begin();
			try {
				int pending = 0;
				for (HibUser user : entities) {
					em.persist(user);
					if (++pending == BATCH) {
						em.flush();
						em.clear();
						pending = 0;
					}
				}
				tx.commit();
			}
			finally {
				if (tx.isActive()) {
					tx.rollback();
				}
			}
		}
	}

	@Override
	protected List<HibUser> selectRange(long fromId, long toId) {
		try (EntityManager em = factory().createEntityManager()) {
			return em.createQuery("from HibUser u where u.id >= :fromId and u.id < :toId order by u.id", HibUser.class)
				.setParameter("fromId", fromId)
				.setParameter("toId", toId)
				.setHint(HibernateHints.HINT_READ_ONLY, true)
				.getResultList();
		}
	}

	@Override
	protected @Nullable HibUser findById(long id) {
		try (EntityManager em = factory().createEntityManager()) {
			return em.find(HibUser.class, id, java.util.Map.of(HibernateHints.HINT_READ_ONLY, true));
		}
	}

	@Override
	protected void stream(Consumer<HibUser> sink) {
		SessionFactory sessions = factory().unwrap(SessionFactory.class);
		try (StatelessSession session = sessions.openStatelessSession()) {
			Transaction tx = session.beginTransaction();
			try (Stream<HibUser> all = session.createSelectionQuery("from HibUser", HibUser.class)
				.setFetchSize(this.fetchSize)
				.getResultStream()) {
				all.forEach(sink);
			}
			tx.commit();
		}
	}

	private EntityManagerFactory factory() {
		EntityManagerFactory current = this.factory;
		if (current == null) {
			throw new IllegalStateException("Hibernate contender was not opened");
		}
		return current;
	}

	@Override
	public void close() {
		if (this.factory != null) {
			this.factory.close();
		}
		if (this.pool != null) {
			this.pool.close();
		}
	}

}
