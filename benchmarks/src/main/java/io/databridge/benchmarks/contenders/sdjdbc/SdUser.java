package io.databridge.benchmarks.contenders.sdjdbc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.relational.core.mapping.Table;

/**
 * Spring Data JDBC's entity for {@code bench_user}. Ids are assigned, so
 * {@link Persistable} tells Spring Data JDBC which instances are new (built with
 * {@link #fresh}); read instances are not new. {@code profile} is a {@code String}; the
 * URL's {@code stringtype=unspecified} lets the server type it as jsonb.
 */
@Table("bench_user")
public class SdUser implements Persistable<Long> {

	@Id
	private final Long id;

	private final String name;

	private final String email;

	private final int age;

	private final boolean active;

	private final double score;

	private final BigDecimal balance;

	private final Instant createdAt;

	private final UUID externalId;

	private final String profile;

	@Transient
	private boolean isNew;

	/**
	 * The constructor Spring Data JDBC reads rows with.
	 * @param id id
	 * @param name name
	 * @param email email
	 * @param age age
	 * @param active active
	 * @param score score
	 * @param balance balance
	 * @param createdAt creation time
	 * @param externalId external id
	 * @param profile jsonb text
	 */
	@PersistenceCreator
	public SdUser(Long id, String name, String email, int age, boolean active, double score, BigDecimal balance,
			Instant createdAt, UUID externalId, String profile) {
		this.id = id;
		this.name = name;
		this.email = email;
		this.age = age;
		this.active = active;
		this.score = score;
		this.balance = balance;
		this.createdAt = createdAt;
		this.externalId = externalId;
		this.profile = profile;
	}

	/**
	 * Marks this instance as not yet stored.
	 * @return this
	 */
	public SdUser fresh() {
		this.isNew = true;
		return this;
	}

	@Override
	public Long getId() {
		return this.id;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	/**
	 * @return name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * @return email
	 */
	public String getEmail() {
		return this.email;
	}

	/**
	 * @return age
	 */
	public int getAge() {
		return this.age;
	}

	/**
	 * @return active
	 */
	public boolean isActive() {
		return this.active;
	}

	/**
	 * @return score
	 */
	public double getScore() {
		return this.score;
	}

	/**
	 * @return balance
	 */
	public BigDecimal getBalance() {
		return this.balance;
	}

	/**
	 * @return creation time
	 */
	public Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * @return external id
	 */
	public UUID getExternalId() {
		return this.externalId;
	}

	/**
	 * @return jsonb text
	 */
	public String getProfile() {
		return this.profile;
	}

}
