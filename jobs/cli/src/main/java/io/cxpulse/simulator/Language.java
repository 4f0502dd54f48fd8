package io.cxpulse.simulator;

/** The languages customers write in; Chinese comes in both scripts because the pipeline must read both. */
enum Language {
    EN,
    ZH_HANS,
    ZH_HANT
}
