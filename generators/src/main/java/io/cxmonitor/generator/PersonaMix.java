package io.cxmonitor.generator;

import java.util.EnumMap;
import java.util.Map;

/** The share of each persona in the customer base, e.g. {@code loyal=40,casual=25,price_sensitive=15,...}. */
public final class PersonaMix {

    public static final PersonaMix DEFAULT = parse("loyal=40,casual=25,price_sensitive=15,frustrated=10,at_risk=10");

    private final Map<Persona, Double> shares;

    private PersonaMix(Map<Persona, Double> shares) {
        this.shares = shares;
    }

    /** Weights need not sum to 100; personas left out get none. */
    public static PersonaMix parse(String spec) {
        Map<Persona, Double> weights = new EnumMap<>(Persona.class);
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("persona mix '" + spec + "': expected name=weight pairs, "
                        + "e.g. loyal=40,casual=25,price_sensitive=15,frustrated=10,at_risk=10");
            }
            Persona persona;
            try {
                persona = Persona.fromId(kv[0]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown persona '" + kv[0].trim()
                        + "'; use loyal, casual, price_sensitive, frustrated or at_risk");
            }
            double weight = Double.parseDouble(kv[1].trim());
            if (weight < 0) {
                throw new IllegalArgumentException("persona weight must not be negative: " + part);
            }
            weights.put(persona, weight);
        }
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("persona mix '" + spec + "' has no weight");
        }
        weights.replaceAll((p, w) -> w / total);
        return new PersonaMix(weights);
    }

    /**
     * Exactly how many of {@code customers} get each persona: the largest-remainder split of the
     * shares, so the counts match the mix as closely as whole customers can.
     */
    public Map<Persona, Integer> allocate(int customers) {
        Map<Persona, Integer> counts = new EnumMap<>(Persona.class);
        Map<Persona, Double> remainders = new EnumMap<>(Persona.class);
        int given = 0;
        for (Map.Entry<Persona, Double> e : shares.entrySet()) {
            double exact = e.getValue() * customers;
            counts.put(e.getKey(), (int) Math.floor(exact));
            remainders.put(e.getKey(), exact - Math.floor(exact));
            given += (int) Math.floor(exact);
        }
        while (given < customers) {
            Persona next = remainders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            counts.merge(next, 1, Integer::sum);
            remainders.put(next, -1.0);
            given++;
        }
        return counts;
    }

    public double share(Persona persona) {
        return shares.getOrDefault(persona, 0.0);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        shares.forEach((p, s) -> out.append(out.length() == 0 ? "" : ",").append(p.id()).append('=')
                .append(Math.round(s * 100)));
        return out.toString();
    }
}
