package io.echogateway;

import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of log factories that the echo service gives Commons Logging, without sockets.
 */
class LogFactoryTableTests {

	private final String before = System.getProperty(LogFactoryTable.PROPERTY);

	@AfterEach
	void restore() {
		if (this.before == null) {
			System.clearProperty(LogFactoryTable.PROPERTY);
		}
		else {
			System.setProperty(LogFactoryTable.PROPERTY, this.before);
		}
	}

	@Test
	void installingNamesTheTableUnlessTheJvmWasToldToUseAnother() {
		System.clearProperty(LogFactoryTable.PROPERTY);
		LogFactoryTable.install();
		assertThat(System.getProperty(LogFactoryTable.PROPERTY)).isEqualTo(LogFactoryTable.class.getName());
		System.setProperty(LogFactoryTable.PROPERTY, "com.example.OwnTable");
		LogFactoryTable.install();
		assertThat(System.getProperty(LogFactoryTable.PROPERTY)).isEqualTo("com.example.OwnTable");
	}

	@Test
	void itIsTheHashtableThatCommonsLoggingMakesOnItsOwn() throws Exception {
		Object table = Class.forName(LogFactoryTable.class.getName()).getConstructor().newInstance();
		assertThat(table).isInstanceOf(Hashtable.class);
	}

	@Test
	void whatCommonsLoggingAsksOfItsTableWorksAsInAHashtable() {
		Hashtable<Object, Object> table = new LogFactoryTable();
		ClassLoader loader = getClass().getClassLoader();
		assertThat(table.put(loader, "factory")).isNull();
		assertThat(table.get(loader)).isEqualTo("factory");
		assertThat(table.values()).containsExactly("factory");
		assertThat(table.size()).isEqualTo(1);
		assertThat(table.remove(loader)).isEqualTo("factory");
		assertThat(table.get(loader)).isNull();
		table.put(loader, "again");
		table.clear();
		assertThat(table.isEmpty()).isTrue();
	}

	@Test
	void aReaderDoesNotWaitForAnotherThreadThatHoldsTheTablesMonitor() throws Exception {
		LogFactoryTable table = new LogFactoryTable();
		table.put("loader", "factory");
		ExecutorService readers = Executors.newSingleThreadExecutor();
		try {
			synchronized (table) {
				Future<Object> read = readers.submit(() -> table.get("loader"));
				assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo("factory");
			}
		}
		finally {
			readers.shutdownNow();
		}
	}

}
