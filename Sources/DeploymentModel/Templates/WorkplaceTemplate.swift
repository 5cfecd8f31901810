extension DeploymentTemplate {
    static let workplaceText = """
    # silhouette deployment model — template "workplace".
    # A warehouse measuring aisle occupancy for safety, without filming workstations and
    # without monitoring employees. Replace every value with yours, then run:
    # silhouette validate deployment.yaml
    apiVersion: silhouette/v2

    deployment:
      id: my-warehouse-occupancy
      name: My Warehouse — aisle occupancy for forklift safety
      jurisdictions: [EU, FR]
      sector: workplace
      publicly_accessible: false
      estimated_daily_subjects: 150
      controller:
        name: Logistique Exemple SAS
        country: FR
        contact: rh@logistique.example
        dpo: {name: DPO Logistique, email: dpo@logistique.example}
      processors: []

    purposes:
      - id: aisle-safety
        description: Warn forklift drivers when pedestrians are in a narrow aisle.
        legal_basis: legal-obligation     # employer's safety obligation (Code du travail L4121-1)
        legal_basis_ref: "Code du travail L4121-1"
        legal_texts: [{instrument: "Code du travail", article: L4121-1, title: "employer's duty to protect workers' health and safety"}]
        employee_monitoring: false        # true if the purpose watches the employees themselves
        necessity: >-
          Collisions between forklifts and pedestrians are the main accident risk; mirrors
          are insufficient in the narrow aisles. The system only lights a warning lamp.
        alternatives_considered: [convex mirrors, separate pedestrian hours]
        data_subjects: [employees, temporary workers]
        data_categories: [presence in an aisle]
        features: [aisle-presence]
        human_review: false
        automated_decisions: none
        objection: {offered: false, reason_not: safety obligation; no individual data is kept}

    features:
      - {id: aisle-presence, kind: intrusion, subjects: [person, vehicle], outputs: [event], on_device: true}

    cameras:
      - id: aisle-07
        site: warehouse-a
        zone: workplace
        purposes: [aisle-safety]
        films_workstations: false         # aim the camera at the aisle, not at desks
        signage: {first_layer: true, placed_before_entry: true, second_layer_place: HR notice board}
        analytics:
          zones:
            - id: aisle
              polygon: [{x: 0.3, y: 0.1}, {x: 0.7, y: 0.1}, {x: 0.7, y: 0.9}, {x: 0.3, y: 0.9}]

    systems:
      - {id: edge, kind: edge-device, operated_by: controller, country: FR, holds: [events], access_control: true, access_logging: true, encrypted_at_rest: true}

    retention:
      - {data: raw-video, duration: 0, where: none}
      - {data: events, duration: 24h, where: edge}

    data_flows:
      - {from: aisle-07, to: edge, data: raw-video, encrypted: true, country: FR}

    recipients: []

    security: [access-control, on-device-processing, data-minimisation-by-default, staff-training]

    information_channels:                 # how the employees were told, and what it says
      - {id: hr-note, kind: letter, audience: [employees, temporary workers], states: [controller-identity, purposes, legal-basis, retention, rights, dpo-contact]}
      - {id: aisle-sign, kind: sign, cameras: [aisle-07], states: [controller-identity, purposes, second-layer]}

    workforce:
      headcount: 80
      individually_informed_on: 2025-01-06          # before the cameras were used (C. trav. L1222-4)
      information_channels: [hr-note]
      staff_council: {name: CSE, informed_on: 2024-11-05, consulted_on: 2024-12-03}   # C. trav. L2312-38

    rights:
      information: individual note to every employee; notice on the HR board (Code du travail L1222-4)
      access: request to HR or the DPO
      objection: not applicable to a safety obligation
      complaint: CNIL

    engine: {name: builtin, version: "0.1.0"}
    """
}
