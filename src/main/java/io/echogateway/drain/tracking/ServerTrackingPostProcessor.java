package io.echogateway.drain.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

import io.echogateway.drain.integration.IntegrationInternals;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.util.Assert;

/**
 * Puts every Spring Integration TCP server connection factory in the context under the registry, however it was
 * declared: a bean of its own, the object of a factory bean (the XML namespace, the Java DSL's specs), a factory built
 * inside an endpoint's bean method, or a flow registered at run time; and once the context's singletons exist, takes a
 * census so that none escapes.
 */
public final class ServerTrackingPostProcessor
		implements DestructionAwareBeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, DisposableBean {

	private final ObjectProvider<ConnectionRegistry> registry;

	private final ObjectProvider<ApplicationEventPublisher> publisher;

	private @Nullable BeanFactory beanFactory;

	private @Nullable ServerTracker tracker;

	/**
	 * Create a post-processor that registers servers in the given registry once it is needed.
	 * @param registry the registry, resolved lazily
	 * @param publisher publishes the events of factories that are no beans, resolved lazily
	 */
	public ServerTrackingPostProcessor(ObjectProvider<ConnectionRegistry> registry,
			ObjectProvider<ApplicationEventPublisher> publisher) {
		this.registry = registry;
		this.publisher = publisher;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	/**
	 * Track a factory once it is initialized: Spring calls this, unlike the before-initialization hook, for the object
	 * a factory bean returns too; and track the factory of an endpoint, which may be no bean.
	 */
	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof AbstractServerConnectionFactory factory) {
			tracker().track(factory, beanName);
		}
		else {
			IntegrationInternals.serverFactoryOf(bean)
				.ifPresent((factory) -> tracker().track(factory, beanName + ".server"));
		}
		return bean;
	}

	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		if (bean instanceof AbstractServerConnectionFactory factory) {
			this.registry.getObject().untrack(factory);
		}
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		return bean instanceof AbstractServerConnectionFactory;
	}

	/**
	 * Once every singleton exists, track each server factory the post-processing missed, such as one created before
	 * this post-processor, or refuse it.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		Assert.state(this.beanFactory instanceof ListableBeanFactory,
				"The drain needs a listable bean factory to find the TCP servers");
		ListableBeanFactory beans = (ListableBeanFactory) this.beanFactory;
		Map<String, AbstractServerConnectionFactory> found = new LinkedHashMap<>(
				beans.getBeansOfType(AbstractServerConnectionFactory.class, false, true));
		for (Class<?> endpointType : IntegrationInternals.endpointTypes()) {
			beans.getBeansOfType(endpointType, false, true)
				.forEach((name, endpoint) -> IntegrationInternals.serverFactoryOf(endpoint)
					.ifPresent((factory) -> found.putIfAbsent(name + ".server", factory)));
		}
		found.forEach((name, factory) -> tracker().track(factory, name));
	}

	private synchronized ServerTracker tracker() {
		if (this.tracker == null) {
			Assert.state(this.beanFactory != null, "The drain tracks TCP servers in a bean factory only");
			this.tracker = new ServerTracker(this.registry.getObject(), this.publisher.getObject(), this.beanFactory);
		}
		return this.tracker;
	}

	@Override
	public synchronized void destroy() throws BeansException {
		if (this.tracker != null) {
			this.tracker.shutdown();
		}
	}

}
