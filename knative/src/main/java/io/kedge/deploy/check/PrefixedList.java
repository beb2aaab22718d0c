package io.kedge.deploy.check;

import java.util.AbstractList;
import java.util.List;

/** A write-through view that prefixes every added problem with the resource it is about. */
final class PrefixedList extends AbstractList<String> {

    private final String prefix;
    private final List<String> target;
    private final int start;

    PrefixedList(String prefix, List<String> target) {
        this.prefix = prefix;
        this.target = target;
        this.start = target.size();
    }

    @Override
    public boolean add(String problem) {
        return target.add(prefix + problem);
    }

    @Override
    public String get(int index) {
        return target.get(start + index);
    }

    @Override
    public int size() {
        return target.size() - start;
    }
}
