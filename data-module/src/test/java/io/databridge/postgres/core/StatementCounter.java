package io.databridge.postgres.core;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A DataSource that records the SQL of every statement prepared or created on its
 * connections (transaction control through {@code setAutoCommit}/{@code commit} is not a
 * statement).
 */
public final class StatementCounter extends DelegatingDataSource {

	private final List<String> statements = new CopyOnWriteArrayList<>();

	public StatementCounter(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		Connection target = super.getConnection();
		InvocationHandler handler = (proxy, method, args) -> {
			String name = method.getName();
			if (name.equals("prepareStatement") || name.equals("prepareCall")) {
				this.statements.add((String) args[0]);
			}
			else if (name.equals("createStatement")) {
				this.statements.add("<statement>");
			}
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		};
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				handler);
	}

	public void reset() {
		this.statements.clear();
	}

	public List<String> statements() {
		return List.copyOf(this.statements);
	}

}
