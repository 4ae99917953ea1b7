package io.databridge.postgres.autoconfigure.app;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ShopService {

	private final CustomerRepository customers;

	private final ProductRepository products;

	public ShopService(CustomerRepository customers, ProductRepository products) {
		this.customers = customers;
		this.products = products;
	}

	/** Saves both, then fails: neither may remain. */
	@Transactional
	public void saveBothThenFail(Customer customer, Product product) {
		this.customers.save(customer);
		this.products.save(product);
		throw new IllegalStateException("boom");
	}

	@Transactional
	public void saveBoth(Customer customer, Product product) {
		this.customers.save(customer);
		this.products.save(product);
	}

}
