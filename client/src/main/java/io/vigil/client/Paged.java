package io.vigil.client;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The items of a paged list (insights by page number, audit-log entries by cursor, Vigil's seals by number), fetched
 * lazily: nothing is requested until iteration starts, and each next page only when iteration reaches it. Each
 * {@link #iterator()} (and each {@link #stream()}) starts again from the first page with new requests.
 *
 * <p>A {@code Paged} may be shared between threads; each of its iterators and streams belongs to one.
 */
public final class Paged<T> implements Iterable<T> {
    private final Source<T> source;

    Paged(Source<T> source) {
        this.source = source;
    }

    /** The items, page after page: the next page is requested when the last item of one has been returned. */
    @Override
    public Iterator<T> iterator() {
        Iterator<Page<T>> pages = pages().iterator();
        return new Iterator<>() {
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && pages.hasNext()) {
                    current = pages.next().items().iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The items as a sequential stream, fetched as it is consumed (a short-circuiting stream stops the requests). */
    public Stream<T> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The pages themselves, with their {@code result_info}; each requested as iteration reaches it. */
    public Iterable<Page<T>> pages() {
        return () -> new Iterator<>() {
            private @Nullable String next;
            private boolean first = true;

            @Override
            public boolean hasNext() {
                return first || next != null;
            }

            @Override
            public Page<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Fetched<T> fetched = source.fetch(first ? null : next);
                first = false;
                next = fetched.next();
                return fetched.page();
            }
        };
    }

    /** The first page alone: one request. */
    public Page<T> firstPage() {
        return source.fetch(null).page();
    }

    /** Fetches one page: the first for {@code null}, else the one {@code next} (a previous page's token) names. */
    @FunctionalInterface
    interface Source<T> {
        Fetched<T> fetch(@Nullable String next);
    }

    /** A page and the token of the one after it ({@code null}: it is the last). */
    record Fetched<T>(Page<T> page, @Nullable String next) {}
}
