package io.databridge.postgres.autoconfigure.routing;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.databridge.postgres.routing.ReadRoutingDataSource;
import io.databridge.postgres.routing.Replica;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Builds the replicas' pools and probe sources. Per-replica HikariCP pools rather than a
 * pgjdbc multi-host URL ({@code targetServerType=preferSecondary}): pgjdbc picks a host
 * only when a connection is opened and then keeps it for the connection's life, knows
 * nothing of replay lag, and cannot say which host is in what state; a pool per replica
 * lets every read choose a replica by its latest probe, and the health indicator report
 * each one.
 * <p>
 * A replica pool copies the primary's HikariCP configuration (Boot's
 * {@code spring.datasource.hikari.*}) and changes only the URL, the pool name, the
 * credentials when given, {@code connection-timeout} (to the replicas' timeout),
 * read-only connections, and a lazy start, so an unreachable replica never fails the
 * application start.
 */
final class ReplicaDataSources {

	private ReplicaDataSources() {
	}

	static ReadRoutingDataSource routing(DataSource primary, PgReplicasProperties properties, Binder binder) {
		HikariConfig template = template(primary, binder);
		String user = (properties.getUsername() != null) ? properties.getUsername() : template.getUsername();
		String password = (properties.getUsername() != null) ? properties.getPassword() : template.getPassword();
		List<Replica> replicas = new ArrayList<>();
		int index = 0;
		for (String url : properties.getUrls()) {
			Replica.checkUrl(url);
			index++;
			boolean ownCredentials = url.contains("user=");
			HikariConfig config = new HikariConfig();
			template.copyStateTo(config);
			config.setDataSource(null);
			config.setDataSourceClassName(null);
			config.setJdbcUrl(url);
			config.setUsername(ownCredentials ? null : user);
			config.setPassword(ownCredentials ? null : password);
			config.setPoolName(poolName(template) + "-replica-" + index);
			config.setConnectionTimeout(Math.max(250, properties.getTimeout().toMillis()));
			config.setInitializationFailTimeout(-1);
			config.setReadOnly(true);
			replicas.add(new Replica(url, new HikariDataSource(config),
					probe(url, ownCredentials ? null : user, ownCredentials ? null : password, properties)));
		}
		return new ReadRoutingDataSource(primary, replicas, properties.toSettings());
	}

	private static HikariConfig template(DataSource primary, Binder binder) {
		HikariDataSource hikari = unwrapHikari(primary);
		if (hikari != null) {
			return hikari;
		}
		HikariConfig config = binder.bind("spring.datasource.hikari", Bindable.ofInstance(new HikariConfig()))
			.orElseGet(HikariConfig::new);
		binder.bind("spring.datasource.username", String.class).ifBound(config::setUsername);
		binder.bind("spring.datasource.password", String.class).ifBound(config::setPassword);
		return config;
	}

	private static @Nullable HikariDataSource unwrapHikari(DataSource primary) {
		try {
			return primary.isWrapperFor(HikariDataSource.class) ? primary.unwrap(HikariDataSource.class) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private static String poolName(HikariConfig template) {
		return (template.getPoolName() != null) ? template.getPoolName() : "databridge";
	}

	private static DataSource probe(String url, @Nullable String user, @Nullable String password,
			PgReplicasProperties properties) {
		int seconds = (int) Math.max(1, (properties.getTimeout().toMillis() + 999) / 1000);
		PGSimpleDataSource probe = new PGSimpleDataSource();
		probe.setURL(url);
		if (user != null) {
			probe.setUser(user);
		}
		if (password != null) {
			probe.setPassword(password);
		}
		probe.setConnectTimeout(seconds);
		probe.setLoginTimeout(seconds);
		probe.setSocketTimeout(seconds * 2);
		probe.setApplicationName("data-bridge replica probe");
		return probe;
	}

}
