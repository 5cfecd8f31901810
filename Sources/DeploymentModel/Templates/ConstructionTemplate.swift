extension DeploymentTemplate {
    static let constructionText = """
    # silhouette deployment model — template "construction".
    # A building site filmed for a time-lapse of the works; people are blurred before any
    # image is stored. Replace every value with yours, then run: silhouette validate deployment.yaml
    apiVersion: silhouette/v2

    deployment:
      id: my-site-timelapse
      name: My Site — construction time-lapse
      jurisdictions: [EU, FR]
      sector: construction
      publicly_accessible: false          # fenced site; the street beyond is masked
      estimated_daily_subjects: 80
      controller:
        name: Bâtisseurs Exemple SA
        country: FR
        contact: chantier@batisseurs.example
        dpo: {name: DPO Bâtisseurs, email: dpo@batisseurs.example}
      processors:
        - {id: vendor, name: Timelapse Vendor SAS, role: processor, country: FR, contract: art28-signed, services: [camera hosting, blurring, viewer]}

    purposes:
      - id: progress-timelapse
        description: Document the progress of the works with one picture every 10 minutes and a time-lapse film.
        legal_basis: legitimate-interests
        necessity: >-
          The client and the architect follow progress remotely; pictures are blurred on the
          camera so that workers cannot be recognised.
        alternatives_considered: [weekly manual photographs]
        data_subjects: [site workers, visitors]
        data_categories: [blurred images of the site]
        features: [people-blur, timelapse]
        objection: {offered: true, how: ask the site manager; the worker's zone is masked}

    features:
      - {id: people-blur, kind: blur, description: Blurs every person silhouette before storage., subjects: [person, vehicle], outputs: [image], on_device: true}
      - {id: timelapse, kind: timelapse, subjects: [object], outputs: [image], on_device: false}

    cameras:
      - id: crane-cam
        site: main-site
        zone: construction-site
        purposes: [progress-timelapse]
        resolution: 3840x2160
        privacy_masks:
          - id: neighbouring-houses
            polygon: [{x: 0.0, y: 0.0}, {x: 0.3, y: 0.0}, {x: 0.3, y: 0.2}, {x: 0.0, y: 0.2}]
        signage: {first_layer: true, placed_before_entry: true, second_layer_place: site office}

    systems:
      - {id: camera-box, kind: edge-device, operated_by: vendor, country: FR, holds: [blurred-video], access_control: true, encrypted_at_rest: true}
      - {id: viewer, kind: cloud, operated_by: vendor, country: FR, holds: [timelapse, snapshots], access_control: true, access_logging: true, encrypted_at_rest: true}

    retention:
      - {data: raw-video, duration: 0, where: none}
      - {data: snapshots, duration: 30d, where: viewer, access: authenticated-users}
      - {data: timelapse, duration: 2y, where: viewer, anonymised: true}

    data_flows:
      - {from: crane-cam, to: camera-box, data: raw-video, encrypted: true, country: FR}
      - {from: camera-box, to: viewer, data: snapshots, encrypted: true, country: FR}
      - {from: viewer, to: project-team, data: timelapse, encrypted: true, country: FR}

    recipients:
      - {id: project-team, name: "client, architect and site managers (authenticated)", kind: internal, data: [snapshots, timelapse], country: FR}

    security: [access-control, encryption-in-transit, encryption-at-rest, audit-logging, privacy-masks, on-device-processing]

    rights:
      information: sign at the site entrance and in the site office
      access: request to the DPO
      objection: ask the site manager
      complaint: CNIL

    engine: {name: builtin, version: "0.1.0"}
    """
}
