package io.cxpulse.simulator;

/**
 * A customer's latent disposition. The pipeline never sees it; it shows only through behaviour, which is what the
 * churn score has to infer. Weights are relative chances of each kind of episode. Churners do not draw their churn
 * at random: it is planned (see {@link ChurnPlans}) and their behaviour drifts towards it.
 */
enum Personality {
    //             share  mood  browse complaint mention service
    LOYAL(          0.35,  0.6,   70,     4,        8,     16),
    PRICE_SENSITIVE(0.25,  0.1,   72,     9,        5,     14),
    FRAGILE(        0.15,  0.0,   55,    18,       10,     17),
    DETRACTOR(      0.15, -0.5,   42,    28,       18,     12),
    CHURNER(        0.10, -0.3,   45,    18,        8,     12);

    final double share;
    final double baseMood;
    final int browseWeight;
    final int complaintWeight;
    final int mentionWeight;
    final int serviceWeight;

    Personality(double share, double baseMood, int browse, int complaint, int mention, int service) {
        this.share = share;
        this.baseMood = baseMood;
        this.browseWeight = browse;
        this.complaintWeight = complaint;
        this.mentionWeight = mention;
        this.serviceWeight = service;
    }

    static Personality draw(double u) {
        double acc = 0;
        for (Personality p : values()) {
            acc += p.share;
            if (u < acc) {
                return p;
            }
        }
        return LOYAL;
    }
}
