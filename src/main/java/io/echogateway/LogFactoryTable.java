package io.echogateway;

import java.util.Collection;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Commons Logging's table of log factories by class loader, without the lock of a {@link Hashtable}: Spring's
 * messaging template asks Commons Logging for a logger with every request's reply channel, and with many virtual
 * threads that lock stalled a group of requests at a time for up to 2 s. A service in one jar has one class loader, so
 * the table does not need the weak keys of Commons Logging's own.
 */
public final class LogFactoryTable extends Hashtable<Object, Object> {

	/** The system property through which Commons Logging takes the table's class. */
	static final String PROPERTY = "org.apache.commons.logging.LogFactory.HashtableImpl";

	private static final long serialVersionUID = 1L;

	private final transient ConcurrentHashMap<Object, Object> entries = new ConcurrentHashMap<>();

	/**
	 * Let Commons Logging use this table, unless the JVM was told to use another: call before anything logs.
	 */
	static void install() {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, LogFactoryTable.class.getName());
		}
	}

	@Override
	public Object get(Object key) {
		return this.entries.get(key);
	}

	@Override
	public Object put(Object key, Object value) {
		return this.entries.put(key, value);
	}

	@Override
	public Object remove(Object key) {
		return this.entries.remove(key);
	}

	@Override
	public void putAll(Map<?, ?> map) {
		this.entries.putAll(map);
	}

	@Override
	public void clear() {
		this.entries.clear();
	}

	@Override
	public int size() {
		return this.entries.size();
	}

	@Override
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	@Override
	public boolean containsKey(Object key) {
		return this.entries.containsKey(key);
	}

	@Override
	public boolean containsValue(Object value) {
		return this.entries.containsValue(value);
	}

	@Override
	public boolean contains(Object value) {
		return this.entries.containsValue(value);
	}

	@Override
	public Enumeration<Object> keys() {
		return this.entries.keys();
	}

	@Override
	public Enumeration<Object> elements() {
		return this.entries.elements();
	}

	@Override
	public Set<Object> keySet() {
		return this.entries.keySet();
	}

	@Override
	public Collection<Object> values() {
		return this.entries.values();
	}

	@Override
	public Set<Map.Entry<Object, Object>> entrySet() {
		return this.entries.entrySet();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof LogFactoryTable table && this.entries.equals(table.entries);
	}

	@Override
	public int hashCode() {
		return this.entries.hashCode();
	}

	@Override
	public String toString() {
		return this.entries.toString();
	}

}
