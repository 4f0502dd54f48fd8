package io.cxpulse.simulator;

import java.util.List;

/** An account manager who owns a book of customers and receives their churn alerts. */
record AccountManager(String login, String email) {

    /** A handful of managers, so that each has a book worth watching in the demo. */
    static final List<AccountManager> ALL = List.of(
            new AccountManager("wang.fang", "wang.fang@example.com"),
            new AccountManager("li.wei", "li.wei@example.com"),
            new AccountManager("chen.jing", "chen.jing@example.com"),
            new AccountManager("zhang.min", "zhang.min@example.com"),
            new AccountManager("emily.wong", "emily.wong@example.com"),
            new AccountManager("david.lau", "david.lau@example.com"));
}
