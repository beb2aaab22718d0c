package io.kedge.functions.validate.rules;

import io.kedge.contract.data.Reading;

/**
 * One validation rule. A rule adds every violation it finds and stays quiet about fields that
 * already carry a violation (a wrongly typed field arrives here as {@code null}).
 */
public interface ReadingRule {

    void check(Reading reading, Violations violations);
}
