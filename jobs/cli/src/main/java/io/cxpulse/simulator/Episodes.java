package io.cxpulse.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The stories customers live through, each as a sequence of events over (compressed) time: a browsing session,
 * a complaint from opening to closing with the service work around it, a social post, a call or survey, and a
 * churner's path through the cancellation pages to leaving. Outcomes feed back into the customer's mood.
 */
final class Episodes {

    private static final String[] BROWSE_PAGES = {"/", "/home", "/products", "/products/phone-x", "/products/earbuds",
        "/deals", "/plans", "/search", "/orders", "/account"};
    private static final String[] CHANNELS = {"phone", "email", "chat", "app", "store", "social", "other"};
    private static final String[] DEVICES = {"web", "ios", "android", "mini_program", "other"};
    private static final String[] MENTION_PLATFORMS = {"weibo", "wechat", "douyin", "xiaohongshu", "twitter",
        "facebook", "forum", "review_site", "other"};

    private final CustomerStates states;

    Episodes(CustomerStates states) {
        this.states = states;
    }

    List<Step> browse(Customer c, SplittableRandom rng) {
        String session = states.nextId("s", c);
        String device = device(c, rng);
        List<Step> steps = new ArrayList<>();
        int clicks = 2 + rng.nextInt(9);
        double t = 0;
        boolean inCart = false;
        for (int k = 0; k < clicks; k++) {
            String action;
            String page;
            double u = rng.nextDouble();
            if (inCart && u < 0.45) {
                action = rng.nextDouble() < 0.6 ? "checkout" : "purchase";
                page = action.equals("checkout") ? "/checkout" : "/checkout/done";
            } else if (u < 0.55) {
                action = "view";
                page = BROWSE_PAGES[rng.nextInt(BROWSE_PAGES.length)];
            } else if (u < 0.72) {
                action = "search";
                page = "/search";
            } else if (u < 0.84) {
                action = "add_to_cart";
                page = "/cart";
                inCart = true;
            } else if (u < 0.91) {
                action = "help";
                page = "/help";
            } else if (u < 0.96) {
                action = "contact";
                page = "/help/contact";
            } else {
                action = "error";
                page = rng.nextBoolean() ? "/checkout" : "/orders";
            }
            steps.add(Step.inSitting(t, Drafts.click(c, session, page, action, 500 + rng.nextInt(60_000), device)));
            t += 2 + rng.nextDouble() * 20;
        }
        states.experience(c, 0.02);
        return steps;
    }

    /**
     * A complaint's lifecycle: opened → (updated|escalated)* → resolved → closed, sometimes reopened, with the
     * service events around it. Whether it is fixed fast or left to rot is what moves the customer's mood most.
     * Discontent (0..1) makes everything go worse: slower handling, escalations, reopenings, cases left open.
     */
    List<Step> complaint(Customer c, ComplaintCategory category, boolean incident, double discontent,
            SplittableRandom rng) {
        List<Step> steps = new ArrayList<>();
        Language lang = c.language();
        String complaintId = states.nextId("cmp", c);
        String caseId = states.nextId("case", c);
        String channel = CHANNELS[rng.nextInt(CHANNELS.length)];
        String orderId = category == ComplaintCategory.DELIVERY || category == ComplaintCategory.BILLING_REFUND
                || rng.nextDouble() < 0.2 ? Fill.orderId(rng) : null;
        // producers often do not know the category; during an incident the call centre tags it more often
        ComplaintCategory tagged = rng.nextDouble() < (incident ? 0.7 : 0.4) ? category : null;
        Integer severity = rng.nextDouble() < 0.7 ? Math.min(5, 1 + rng.nextInt(3) + (incident ? 1 : 0)
                + (c.personality() == Personality.DETRACTOR ? 1 : 0)) : null;
        String dept = category.department();
        double t = 0;

        switch (category) {
            case DELIVERY -> steps.add(new Step(t, Drafts.service(c, "logistics", "delivery_late", orderId,
                    null, null, null, dept, null)));
            case WAIT_TIME -> {
                steps.add(new Step(t, Drafts.service(c, "call-center", "call_queued", caseId, null, null, null, dept, null)));
                t += 5 + rng.nextDouble() * 10;
                steps.add(new Step(t, Drafts.service(c, "call-center", "call_abandoned", caseId,
                        (long) ((900_000 + rng.nextInt(3_600_000)) * (1 + discontent)), null, null, dept, null)));
            }
            case WARRANTY_REPAIR -> steps.add(new Step(t, Drafts.service(c, "repair", "repair_scheduled", caseId,
                    null, null, null, dept, null)));
            default -> { }
        }
        t += 1 + rng.nextDouble() * 5;
        steps.add(new Step(t, Drafts.complaint(c, complaintId, channel, "opened",
                ComplaintTexts.opening(category, lang, rng), tagged, severity, orderId)));
        t += 1 + rng.nextDouble() * 5;
        steps.add(new Step(t, Drafts.service(c, "ticketing", "ticket_opened", caseId, null, null, null, dept, null)));

        double handling = rng.nextDouble();
        boolean fast = handling < (incident ? 0.3 : 0.5) * (1 - 0.7 * discontent);
        boolean ignored = !fast && handling > 0.85 - 0.4 * discontent;
        if (!fast) {
            int updates = 1 + rng.nextInt(3);
            for (int k = 0; k < updates; k++) {
                t += 20 + rng.nextDouble() * 60;
                if (rng.nextDouble() < 0.4 + 0.3 * discontent) {
                    steps.add(new Step(t - 3, Drafts.service(c, "call-center", "call_queued", caseId, null, null, null,
                            dept, null)));
                    steps.add(new Step(t - 1, rng.nextDouble() < 0.5 - 0.35 * discontent
                            ? Drafts.service(c, "call-center", "call_answered", caseId,
                                    (long) (60_000 + rng.nextInt(1_500_000)), (long) (120_000 + rng.nextInt(600_000)),
                                    null, dept, null)
                            : Drafts.service(c, "call-center", "call_abandoned", caseId,
                                    (long) (300_000 + rng.nextInt(2_400_000)), null, null, dept, null)));
                }
                boolean escalate = rng.nextDouble() < 0.3 + 0.4 * discontent;
                String text = rng.nextDouble() < 0.4 ? ""
                        : escalate ? ComplaintTexts.escalation(lang, rng) : ComplaintTexts.stillWaiting(lang, rng);
                steps.add(new Step(t, Drafts.complaint(c, complaintId, channel, escalate ? "escalated" : "updated", text,
                        tagged, severity, orderId)));
            }
            if (rng.nextDouble() < 0.6 + 0.35 * discontent) {
                steps.add(new Step(t + 1, Drafts.service(c, "ticketing", "sla_breached", caseId, null, null, null, dept, null)));
            }
            if (rng.nextDouble() < 0.3 + 0.4 * discontent) {
                steps.add(new Step(t + 2, Drafts.service(c, "call-center", "callback_missed", caseId, null, null, null,
                        dept, null)));
            }
        }
        if (ignored) {
            // nobody resolves it: the case stays open, which is exactly what the churn score must notice
            states.experience(c, -0.45);
            return steps;
        }
        t += fast ? 15 + rng.nextDouble() * 60 : 30 + rng.nextDouble() * 90;
        addFix(c, category, caseId, t, rng, steps);
        steps.add(new Step(t + 1, Drafts.complaint(c, complaintId, channel, "resolved",
                rng.nextDouble() < 0.5 ? "" : ComplaintTexts.resolved(lang, rng), tagged, severity, orderId)));
        steps.add(new Step(t + 2, Drafts.service(c, "ticketing", "ticket_resolved", caseId, null,
                (long) (600_000 + rng.nextInt(86_400_000)), null, dept, null)));
        if (rng.nextDouble() < 0.12 + 0.3 * discontent) {
            t += 20 + rng.nextDouble() * 40;
            steps.add(new Step(t, Drafts.complaint(c, complaintId, channel, "reopened", ComplaintTexts.reopened(lang, rng),
                    tagged, severity, orderId)));
            t += 20 + rng.nextDouble() * 60;
            steps.add(new Step(t, Drafts.complaint(c, complaintId, channel, "resolved", "", tagged, severity, orderId)));
            fast = false;
        }
        t += 10 + rng.nextDouble() * 40;
        steps.add(new Step(t, Drafts.complaint(c, complaintId, channel, "closed", "", tagged, severity, orderId)));
        double satisfaction = (fast ? 0.6 + rng.nextDouble() * 0.4 : rng.nextDouble() * 0.7) * (1 - 0.8 * discontent);
        if (rng.nextDouble() < 0.5) {
            steps.add(new Step(t + 5 + rng.nextDouble() * 20, csat(c, caseId, satisfaction, rng)));
        }
        states.experience(c, fast ? 0.25 : -0.15);
        return steps;
    }

    private static void addFix(Customer c, ComplaintCategory category, String caseId, double t, SplittableRandom rng,
            List<Step> steps) {
        String dept = category.department();
        switch (category) {
            case BILLING_REFUND, PRICE, DELIVERY -> {
                if (rng.nextDouble() < 0.6) {
                    steps.add(new Step(t, Drafts.service(c, "billing", "refund_issued", caseId, null, null, null, "billing",
                            null)));
                }
            }
            case WARRANTY_REPAIR, PRODUCT_QUALITY -> steps.add(new Step(t, Drafts.service(c, "repair", "repair_completed",
                    caseId, null, (long) (3_600_000 + rng.nextInt(259_200_000)), null, dept, null)));
            default -> { }
        }
    }

    /** A post by a customer, or by a stranger when {@code c} is null. */
    List<Step> mention(Customer c, double tone, ComplaintCategory incidentTopic, SplittableRandom rng) {
        Language lang = c != null ? c.language() : Language.values()[rng.nextInt(3)];
        String platform;
        String handle;
        String customerId = null;
        if (c != null && !c.handles().isEmpty() && rng.nextDouble() < 0.8) {
            List<String> platforms = new ArrayList<>(c.handles().keySet());
            platform = platforms.get(rng.nextInt(platforms.size()));
            handle = c.handles().get(platform);
            // listening tools rarely know who the author is: most such mentions carry only the handle
            customerId = rng.nextDouble() < 0.35 ? c.id() : null;
        } else {
            platform = MENTION_PLATFORMS[rng.nextInt(MENTION_PLATFORMS.length)];
            handle = "@user" + (100_000 + rng.nextInt(900_000));
            customerId = c != null && rng.nextDouble() < 0.5 ? c.id() : null;
        }
        String text = incidentTopic != null
                ? MentionTexts.incidentPost(incidentTopic, lang, rng)
                : MentionTexts.post(tone + rng.nextGaussian() * 0.3, lang, rng);
        long followers = followers(rng);
        long likes = (long) (followers * rng.nextDouble() * 0.05);
        long shares = (long) (likes * rng.nextDouble() * 0.3);
        String postId = Long.toString(rng.nextLong(1L << 40), 36);
        return List.of(new Step(0, Drafts.mention(customerId, platform, handle, followers, text, postId, likes, shares)));
    }

    /** Reach is heavy-tailed: most authors have a few hundred followers, a handful have hundreds of thousands. */
    static long followers(SplittableRandom rng) {
        double u = rng.nextDouble();
        if (u < 0.005) {
            return 100_000 + rng.nextLong(900_000);
        }
        if (u < 0.03) {
            return 5_000 + rng.nextLong(95_000);
        }
        return (long) Math.min(5_000, Math.exp(4.5 + rng.nextGaussian() * 1.3));
    }

    /**
     * A routine contact: a call, a ticket, a survey, a plan change or a renewal. Discontent (0..1) means longer
     * waits, more abandoned calls and missed callbacks, and low scores.
     */
    List<Step> service(Customer c, Outlook outlook, SplittableRandom rng) {
        List<Step> steps = new ArrayList<>();
        String caseId = states.nextId("case", c);
        double u = rng.nextDouble();
        double discontent = outlook.discontent();
        double mood = outlook.feltMood(states.mood(c));
        if (u < 0.3) {
            steps.add(new Step(0, Drafts.service(c, "call-center", "call_queued", caseId, null, null, null, "call_center", null)));
            long wait = (long) (20_000 + Math.exp(11 + 1.5 * discontent + rng.nextGaussian()));
            boolean abandoned = wait > 600_000 && rng.nextDouble() < 0.6 + 0.3 * discontent;
            steps.add(new Step(wait / 1000.0 / 20, abandoned
                    ? Drafts.service(c, "call-center", "call_abandoned", caseId, wait, null, null, "call_center", null)
                    : Drafts.service(c, "call-center", "call_answered", caseId, wait,
                            (long) (60_000 + rng.nextInt(900_000)), null, "call_center", null)));
            if (abandoned && rng.nextDouble() < 0.4 + 0.4 * discontent) {
                steps.add(new Step(40, Drafts.service(c, "call-center", "callback_missed", caseId, null, null, null,
                        "call_center", null)));
            }
            states.experience(c, abandoned ? -0.15 : 0.03);
        } else if (u < 0.5) {
            steps.add(new Step(0, Drafts.service(c, "ticketing", "ticket_opened", caseId, null, null, null, "customer_care", null)));
            double t = 20 + rng.nextDouble() * 60 * (1 + 2 * discontent);
            if (rng.nextDouble() < 0.5 * discontent) {
                steps.add(new Step(t, Drafts.service(c, "ticketing", "sla_breached", caseId, null, null, null,
                        "customer_care", null)));
                t += 10 + rng.nextDouble() * 60;
            }
            steps.add(new Step(t, Drafts.service(c, "ticketing", "ticket_resolved", caseId, null,
                    (long) ((300_000 + rng.nextInt(7_200_000)) * (1 + 3 * discontent)), null, "customer_care", null)));
        } else if (u < 0.8) {
            double nps = Math.max(0, Math.min(10, Math.round(7 + mood * 4 + rng.nextGaussian() * 1.5)));
            String text = rng.nextDouble() < 0.35 ? SurveyTexts.verbatim(nps / 10, c.language(), rng) : null;
            steps.add(new Step(0, Drafts.service(c, "survey", "nps_response", null, null, null, nps, null, text)));
        } else if (u < 0.9) {
            steps.add(new Step(0, csat(c, caseId, 0.5 + mood / 2, rng)));
        } else if (c.personality() == Personality.PRICE_SENSITIVE && rng.nextDouble() < 0.4) {
            steps.add(new Step(0, Drafts.service(c, "billing", "plan_downgraded", caseId, null, null, null, "billing", null)));
        } else if (u < 0.95 && c.personality() == Personality.LOYAL) {
            steps.add(new Step(0, Drafts.service(c, "billing", "renewed", caseId, null, null, null, "sales", null)));
        } else {
            steps.add(new Step(0, Drafts.service(c, "logistics", "delivery_late", Fill.orderId(rng), null, null, null,
                    "logistics", null)));
            states.experience(c, -0.05);
        }
        return steps;
    }

    private static Draft csat(Customer c, String caseId, double satisfaction, SplittableRandom rng) {
        double s = Math.max(0, Math.min(1, satisfaction));
        double score = 1 + Math.round(s * 4);
        String text = rng.nextDouble() < 0.4 ? SurveyTexts.verbatim(s, c.language(), rng) : null;
        return Drafts.service(c, "survey", "csat_response", caseId, null, null, score, null, text);
    }

    /**
     * A look at the way out, in one sitting: the help page on cancelling, the cancellation flow, perhaps the
     * unsubscribe page; now and then a downgrade follows instead of leaving.
     */
    List<Step> leavingLook(Customer c, SplittableRandom rng) {
        List<Step> steps = new ArrayList<>();
        String session = states.nextId("s", c);
        String device = device(c, rng);
        double t = 0;
        if (rng.nextDouble() < 0.5) {
            steps.add(Step.inSitting(t, Drafts.click(c, session, "/plans", "view", 5_000 + rng.nextInt(40_000), device)));
            t += 3 + rng.nextDouble() * 10;
        }
        steps.add(Step.inSitting(t, Drafts.click(c, session, "/help/cancel-subscription", "help",
                5_000 + rng.nextInt(60_000), device)));
        if (rng.nextDouble() < 0.7) {
            t += 3 + rng.nextDouble() * 10;
            steps.add(Step.inSitting(t, Drafts.click(c, session, "/account/cancel", "cancel_flow",
                    10_000 + rng.nextInt(120_000), device)));
        }
        if (rng.nextDouble() < 0.3) {
            t += 3 + rng.nextDouble() * 10;
            steps.add(Step.inSitting(t, Drafts.click(c, session, "/settings/notifications/unsubscribe", "unsubscribe",
                    3_000 + rng.nextInt(20_000), device)));
        }
        if (rng.nextDouble() < 0.1) {
            steps.add(new Step(t + 30 + rng.nextDouble() * 120, Drafts.service(c, "billing", "plan_downgraded",
                    states.nextId("case", c), null, null, null, "billing", null)));
        }
        return steps;
    }

    /**
     * A churner's farewell at the planned time: the help and cancellation pages, then the cancellation or account
     * closure — unless the retention offer works ({@code retained}) and the customer renews and stays.
     */
    List<Step> churn(Customer c, boolean retained, SplittableRandom rng) {
        List<Step> steps = new ArrayList<>();
        String session = states.nextId("s", c);
        String device = device(c, rng);
        String caseId = states.nextId("case", c);
        double t = 0;
        steps.add(Step.inSitting(t, Drafts.click(c, session, "/help/cancel-subscription", "help",
                5_000 + rng.nextInt(60_000), device)));
        t += 3 + rng.nextDouble() * 10;
        steps.add(Step.inSitting(t, Drafts.click(c, session, "/account/cancel", "cancel_flow",
                10_000 + rng.nextInt(120_000), device)));
        if (rng.nextDouble() < 0.6) {
            t += 3 + rng.nextDouble() * 10;
            steps.add(Step.inSitting(t, Drafts.click(c, session, "/account/cancel/reason", "cancel_flow",
                    10_000 + rng.nextInt(60_000), device)));
        }
        if (rng.nextDouble() < 0.5) {
            t += 3 + rng.nextDouble() * 10;
            steps.add(Step.inSitting(t, Drafts.click(c, session, "/settings/notifications/unsubscribe", "unsubscribe",
                    3_000 + rng.nextInt(20_000), device)));
        }
        // the decision comes around the planned time: the episode starts FAREWELL_LEAD_SECONDS before it
        t = Math.max(t + 5, ChurnPlans.FAREWELL_LEAD_SECONDS - 20 + rng.nextDouble() * 30);
        if (retained) {
            steps.add(new Step(t, Drafts.service(c, "billing", "renewed", caseId, null, null, null, "retention", null)));
            states.experience(c, 0.3);
            return steps;
        }
        if (rng.nextDouble() < 0.3) {
            steps.add(new Step(t, Drafts.service(c, "billing", "plan_downgraded", caseId, null, null, null, "retention", null)));
            t += 5 + rng.nextDouble() * 15;
        }
        String type = rng.nextDouble() < 0.53 ? "subscription_cancelled" : "account_closed";
        steps.add(new Step(t, Drafts.service(c, "billing", type, caseId, null, null, null, "retention", null)));
        states.leave(c);
        return steps;
    }

    /** A cancellation out of the blue: no build-up, no visit to the cancellation pages, just a call to billing. */
    List<Step> unannouncedExit(Customer c, SplittableRandom rng) {
        String type = rng.nextBoolean() ? "subscription_cancelled" : "account_closed";
        states.leave(c);
        return List.of(new Step(0, Drafts.service(c, "billing", type, states.nextId("case", c), null, null, null,
                "billing", null)));
    }

    private static String device(Customer c, SplittableRandom rng) {
        // each customer mostly sticks to one device
        return rng.nextDouble() < 0.8 ? DEVICES[c.index() % 3] : DEVICES[rng.nextInt(DEVICES.length)];
    }
}
