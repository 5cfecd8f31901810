extension DeploymentTemplate {
    static let cityText = """
    # silhouette deployment model — template "city".
    # A municipality analysing its public-road cameras for traffic safety. Replace every value
    # with yours, then run: silhouette validate deployment.yaml
    # Reference of every key: silhouette schema
    apiVersion: silhouette/v2

    deployment:
      id: my-city-traffic                 # stable id: reports and history are filed under it
      name: My City — traffic safety analytics
      description: >-
        Real-time detection of wrong-way driving on the ring road, with an alert to the
        municipal control room where an operator decides what to do.
      jurisdictions: [EU, FR]             # the law of each purpose is routed from them: EU/EEA codes, CA with CA-QC, CA-ON…
      sector: public-authority
      publicly_accessible: true           # cameras film the public highway
      estimated_daily_subjects: 20000     # rough count of people seen per day (large scale?)
      start_date: 2025-01-06
      controller:
        name: Ville de Exemple
        country: FR
        address: 1 place de la Mairie, 00000 Exemple
        contact: mairie@ville-exemple.fr
        dpo: {name: Délégué à la protection des données, email: dpo@ville-exemple.fr}
        public_body: true                 # a commune: a competent authority for offence purposes
      processors:
        - id: vendor
          name: Analytics Vendor SAS
          role: processor
          country: FR
          contract: art28-signed          # art28-signed | pending | none
          services: [analytics software, maintenance]
          subprocessors: []

    purposes:
      - id: wrong-way
        description: Detect vehicles driving the wrong way on the ring road and alert operators.
        legal_basis: public-task          # GDPR Art. 6(1)(e)
        legal_basis_ref: "CSI L251-2"     # the text that grants the task
        legal_texts:                      # structured: rules judge the instrument, article and dates
          - {instrument: "Code de la sécurité intérieure", article: L251-2, title: "regulation of transport flows"}
        # No text authorises the ALGORITHMIC analysis of video-protection images today (loi
        # 2023-380 art. 10 covered only events, until 2025-03-31): the rules will say so.
        # A purpose detecting offences (dumping, intrusion) is routed to the police directive:
        # law_enforcement: true, legal_basis: law-enforcement-task.
        necessity: >-
          Wrong-way driving causes head-on collisions; patrols cannot watch every slip road
          and drivers' calls come too late. Signs and rumble strips are in place already.
        alternatives_considered: [additional signage, rumble strips, patrols]
        data_subjects: [drivers, passengers]
        data_categories: [vehicle position and direction]
        features: [wrong-way-detection]
        human_review: true                # an operator confirms every alert
        automated_decisions: none
        objection:
          offered: true
          how: request to the DPO; each objection is examined case by case (GDPR Art. 21(1))

    features:
      - id: wrong-way-detection
        kind: direction
        description: Tracks anonymous vehicle silhouettes across a counting line.
        subjects: [vehicle]
        outputs: [event, snapshot]
        on_device: true

    cameras:                              # or cameras_file: cameras.csv for hundreds of them
      - id: cam-001
        site: ring-road-north
        zone: public-road
        location: slip road 4, northbound
        purposes: [wrong-way]
        resolution: 1920x1080
        privacy_masks: [residential-windows]
        signage: {first_layer: true, placed_before_entry: true, second_layer_url: "https://ville-exemple.fr/videoprotection"}
        analytics:
          lines:
            - {id: slip-4, from: {x: 0.1, y: 0.6}, to: {x: 0.9, y: 0.6}, wrong_way: out}

    systems:
      - {id: edge-box, kind: edge-device, operated_by: controller, country: FR, holds: [events], access_control: true, access_logging: true, encrypted_at_rest: true}
      - {id: vms, kind: vms, operated_by: controller, country: FR, holds: [events, snapshots], access_control: true, access_logging: true, encrypted_at_rest: true}

    retention:
      - {data: raw-video, duration: 0, where: none, justification: "analysed in real time, never recorded by the analytics"}
      - {data: events, duration: 30d, where: vms}
      - {data: snapshots, duration: 72h, where: vms}

    data_flows:
      - {from: cam-001, to: edge-box, data: raw-video, encrypted: true, country: FR}
      - {from: edge-box, to: vms, data: events, encrypted: true, country: FR}
      - {from: vms, to: operators, data: snapshots, encrypted: true, country: FR}

    recipients:
      - {id: operators, name: municipal control-room operators, kind: internal, data: [events, snapshots], country: FR}

    security: [access-control, encryption-in-transit, encryption-at-rest, audit-logging, on-device-processing, staff-training]

    rights:
      information: layered signage at each camera and a notice on the city website
      access: request to the DPO by e-mail or post
      access_redaction: true
      objection: request to the DPO, examined case by case
      erasure: on request to the DPO
      complaint: CNIL

    engine: {name: builtin, version: "0.1.0"}

    information_channels:                 # what each channel actually says
      - {id: panels, kind: sign, states: [controller-identity, purposes, rights, dpo-contact, second-layer, algorithmic-analysis]}
      - {id: notice, kind: website, url: "https://ville-exemple.fr/videoprotection", states: [controller-identity, purposes, legal-basis, retention, recipients, rights, dpo-contact, complaint-authority, algorithmic-analysis]}

    dpia:
      reference: DPIA-2025-01
      kind: gdpr-dpia
      parts: [description, necessity, risks, measures]   # GDPR Art. 35(7)(a)-(d)
      date: 2025-01-06
      dpo_advice: {date: 2024-12-15, summary: "Favourable, provided snapshots are kept 72 hours at most."}
      data_subject_views: {sought: true, how: consultation of the neighbourhood councils}

    authorisations:
      - {kind: prefectoral, reference: "arrêté n° 2024-000", date: 2024-11-30, expires: 2029-11-30}
    """
}
