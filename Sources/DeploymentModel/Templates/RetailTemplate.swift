extension DeploymentTemplate {
    static let retailText = """
    # silhouette deployment model — template "retail".
    # A shop counting visitors at its entrances, anonymously: no face, no identity, no image
    # kept. Replace every value with yours, then run: silhouette validate deployment.yaml
    apiVersion: silhouette/v2

    deployment:
      id: my-shop-footfall
      name: My Shop — anonymous footfall counting
      jurisdictions: [EU, FR]
      sector: retail
      publicly_accessible: true           # a shop floor is open to the public
      estimated_daily_subjects: 3000
      controller:
        name: Ma Boutique SARL
        country: FR
        contact: contact@ma-boutique.example
        dpo: {name: Référent données personnelles, email: privacy@ma-boutique.example}
        public_body: false                # a shop is never a competent authority: theft prevention stays under the GDPR
      processors:
        - {id: vendor, name: Counting Vendor SAS, role: processor, country: FR, contract: art28-signed, services: [counting sensors, dashboard]}

    purposes:
      - id: footfall
        description: Count people entering and leaving to staff the tills and measure opening-hour traffic.
        legal_basis: legitimate-interests     # GDPR Art. 6(1)(f): write the balancing test in `necessity`
        necessity: >-
          Hourly entry counts are needed to plan staff; manual counting is unreliable. Counts
          are anonymous statistics produced on the sensor; no image is stored or transmitted.
        alternatives_considered: [manual tally, till receipts (miss non-buyers)]
        data_subjects: [customers, passers-by]
        data_categories: [anonymous counts]
        features: [entrance-count]
        statistics_only: true                 # no operational use of individual detections
        # law_enforcement: true would mark a theft-prevention purpose; for a shop it stays
        # under the GDPR (offence data: Art. 10), never under the police directive.
        objection: {offered: false, reason_not: no individual is identifiable in the output}

    features:
      - id: entrance-count
        kind: line-crossing
        description: Counts silhouettes crossing the door line, in and out.
        subjects: [person]
        outputs: [count, statistic]
        on_device: true

    cameras:
      - id: door-main
        site: shop
        zone: entrance
        purposes: [footfall]
        resolution: 640x480
        signage: {first_layer: true, placed_before_entry: true, second_layer_url: "https://ma-boutique.example/comptage"}
        analytics:
          lines:
            - {id: threshold, from: {x: 0.05, y: 0.7}, to: {x: 0.95, y: 0.7}}

    systems:
      - {id: sensor, kind: edge-device, operated_by: vendor, country: FR, holds: [statistics], access_control: true, access_logging: true, encrypted_at_rest: true}
      - {id: dashboard, kind: cloud, operated_by: vendor, country: FR, holds: [statistics], access_control: true, access_logging: true, encrypted_at_rest: true}

    retention:
      - {data: raw-video, duration: 0, where: none}
      - {data: statistics, duration: 2y, where: dashboard, anonymised: true}

    data_flows:
      - {from: door-main, to: sensor, data: raw-video, encrypted: true, country: FR}
      - {from: sensor, to: dashboard, data: statistics, encrypted: true, country: FR}
      - {from: dashboard, to: store-managers, data: statistics, encrypted: true, country: FR}

    recipients:
      - {id: store-managers, name: store managers, kind: internal, data: [statistics], country: FR}

    security: [access-control, encryption-in-transit, encryption-at-rest, on-device-processing, anonymisation, data-minimisation-by-default]

    rights:
      information: sign at the entrance and a notice on the website
      access: nothing identifiable is kept; questions to the privacy contact
      objection: no individual data is kept; questions to the privacy contact
      complaint: CNIL

    engine: {name: builtin, version: "0.1.0"}

    statistics: {published: false, min_group_size: 10}

    dpia:
      reference: AIPD-footfall-2025
      date: 2025-02-01
      dpo_advice: {date: 2025-01-20, summary: "Favourable: counts only, computed on the sensor."}
    """
}
