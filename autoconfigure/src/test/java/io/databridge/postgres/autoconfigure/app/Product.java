package io.databridge.postgres.autoconfigure.app;

import java.math.BigDecimal;

import io.databridge.postgres.mapping.Column;
import io.databridge.postgres.mapping.Table;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;

/** A mutable class entity with an assigned id that tells Spring Data when it is new. */
@Table("ac_product")
public class Product implements Persistable<String> {

	@Id
	private String sku;

	@Column("title")
	private String name;

	private BigDecimal price;

	@Transient
	private boolean isNew;

	public Product() {
	}

	public Product(String sku, String name, BigDecimal price) {
		this.sku = sku;
		this.name = name;
		this.price = price;
		this.isNew = true;
	}

	@Override
	public String getId() {
		return this.sku;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	public String getSku() {
		return this.sku;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public void setPrice(BigDecimal price) {
		this.price = price;
	}

}
