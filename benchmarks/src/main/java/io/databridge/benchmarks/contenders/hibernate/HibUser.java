package io.databridge.benchmarks.contenders.hibernate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Hibernate's entity for {@code bench_user}, with assigned ids. {@code profile} is a
 * {@code String}; the URL's {@code stringtype=unspecified} lets the server type it as
 * jsonb.
 */
@Entity
@Table(name = "bench_user")
public class HibUser {

	@Id
	private Long id;

	private String name;

	private String email;

	private int age;

	private boolean active;

	private double score;

	@Column(precision = 12, scale = 2)
	private BigDecimal balance;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "external_id")
	private UUID externalId;

	private String profile;

	/** For Hibernate. */
	protected HibUser() {
	}

	/**
	 * A new user.
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
	public HibUser(Long id, String name, String email, int age, boolean active, double score, BigDecimal balance,
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
	 * @return id
	 */
	public Long getId() {
		return this.id;
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
