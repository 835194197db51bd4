import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Chippy

// Where the Kafka comes from: the embedded broker (instant) or a cluster given by bootstrap
// servers, TLS and SASL, typed in or read from a client.properties file. The second page says
// where the back office and the hot cabinet keep their data. Passwords go to the desktop
// keyring when there is one and the speaker agrees.
Dialog {
    id: dialog

    property string problem: ""

    title: qsTr("Connection")
    modal: true
    standardButtons: Dialog.Cancel
    width: Math.min(parent ? parent.width * 0.9 : 640, Theme.presenter ? 1100 : 640)

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        TabBar {
            id: pages

            Layout.fillWidth: true

            TabButton { text: qsTr("Kafka") }
            TabButton { text: qsTr("Stores") }
        }

        StackLayout {
            Layout.fillWidth: true
            currentIndex: pages.currentIndex

            ColumnLayout {
                spacing: Theme.gap

                RadioButton {
                    id: embeddedChoice

                    text: qsTr("Embedded broker (starts at once, on this machine)")
                    checked: Controller.cluster.embedded
                }
                RadioButton {
                    id: clusterChoice

                    text: qsTr("A Kafka cluster")
                    checked: !Controller.cluster.embedded
                }

                GridLayout {
                    Layout.fillWidth: true
                    enabled: clusterChoice.checked
                    columns: 2
                    columnSpacing: Theme.gap
                    rowSpacing: Theme.gap / 2

                    Label { text: qsTr("Bootstrap servers") }
                    TextField {
                        id: bootstrap

                        Layout.fillWidth: true
                        text: Controller.cluster.bootstrap
                        placeholderText: "broker1:9092,broker2:9092"
                        Accessible.name: qsTr("Bootstrap servers")
                    }
                    Label { text: qsTr("Security") }
                    ComboBox {
                        id: security

                        Layout.fillWidth: true
                        model: ["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"]
                        currentIndex: Math.max(0, model.indexOf(Controller.cluster.securityProtocol))
                        Accessible.name: qsTr("Security protocol")
                    }
                    Label { text: qsTr("SASL mechanism") }
                    ComboBox {
                        id: mechanism

                        Layout.fillWidth: true
                        enabled: security.currentText.startsWith("sasl")
                        model: ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]
                        currentIndex: Math.max(0, model.indexOf(Controller.cluster.saslMechanism))
                        Accessible.name: qsTr("SASL mechanism")
                    }
                    Label { text: qsTr("User name") }
                    TextField {
                        id: user

                        Layout.fillWidth: true
                        enabled: mechanism.enabled
                        text: Controller.cluster.saslUsername
                        Accessible.name: qsTr("SASL user name")
                    }
                    Label { text: qsTr("Password") }
                    TextField {
                        id: password

                        Layout.fillWidth: true
                        enabled: mechanism.enabled
                        echoMode: TextInput.Password
                        text: Controller.cluster.saslPassword
                        Accessible.name: qsTr("SASL password")
                    }
                    Label { text: qsTr("CA certificate") }
                    TextField {
                        id: ca

                        Layout.fillWidth: true
                        enabled: security.currentText.endsWith("ssl")
                        text: Controller.cluster.caLocation
                        placeholderText: qsTr("path to ca.pem")
                        Accessible.name: qsTr("CA certificate file")
                    }
                    Label { text: qsTr("Client certificate") }
                    TextField {
                        id: cert

                        Layout.fillWidth: true
                        enabled: ca.enabled
                        text: Controller.cluster.certificateLocation
                        Accessible.name: qsTr("Client certificate file")
                    }
                    Label { text: qsTr("Client key") }
                    TextField {
                        id: key

                        Layout.fillWidth: true
                        enabled: ca.enabled
                        text: Controller.cluster.keyLocation
                        Accessible.name: qsTr("Client key file")
                    }
                    Label { text: qsTr("client.properties") }
                    RowLayout {
                        Layout.fillWidth: true

                        TextField {
                            id: propertiesPath

                            Layout.fillWidth: true
                            placeholderText: qsTr("path to client.properties")
                            Accessible.name: qsTr("client.properties file to import")
                        }
                        Button {
                            text: qsTr("Import")
                            onClicked: dialog.problem = Controller.cluster.importProperties(propertiesPath.text)
                        }
                    }
                }
            }

            GridLayout {
                columns: 2
                columnSpacing: Theme.gap
                rowSpacing: Theme.gap / 2

                Label {
                    Layout.columnSpan: 2
                    text: qsTr("Statistician (empty: embedded SQLite)")
                    font.bold: true
                }
                Label { text: qsTr("OpenSearch URL") }
                TextField {
                    id: analyticsUrl

                    Layout.fillWidth: true
                    text: Controller.stores.analyticsUrl
                    placeholderText: "https://opensearch.example.com:9200"
                    Accessible.name: qsTr("OpenSearch URL")
                }
                Label { text: qsTr("User name") }
                TextField {
                    id: analyticsUser

                    Layout.fillWidth: true
                    enabled: analyticsUrl.text !== ""
                    text: Controller.stores.analyticsUser
                    Accessible.name: qsTr("OpenSearch user name")
                }
                Label { text: qsTr("Password") }
                TextField {
                    id: analyticsPassword

                    Layout.fillWidth: true
                    enabled: analyticsUser.enabled
                    echoMode: TextInput.Password
                    text: Controller.stores.analyticsPassword
                    Accessible.name: qsTr("OpenSearch password")
                }
                Label { text: qsTr("CA certificate") }
                TextField {
                    id: analyticsCa

                    Layout.fillWidth: true
                    enabled: analyticsUrl.text.startsWith("https")
                    text: Controller.stores.analyticsCa
                    placeholderText: qsTr("path to ca.pem (empty: the system's)")
                    Accessible.name: qsTr("OpenSearch CA certificate file")
                }
                Label {
                    Layout.columnSpan: 2
                    text: qsTr("Accountant and stockist (empty: SQLite)")
                    font.bold: true
                }
                Label { text: qsTr("Ledger") }
                TextField {
                    id: ledgerDsn

                    Layout.fillWidth: true
                    text: Controller.stores.ledgerDsn
                    placeholderText: "postgresql://chippy@db.example.com:5432/shop"
                    Accessible.name: qsTr("Ledger database")
                }
                Label { text: qsTr("Password") }
                TextField {
                    id: ledgerPassword

                    Layout.fillWidth: true
                    enabled: ledgerDsn.text.startsWith("postgres")
                    echoMode: TextInput.Password
                    text: Controller.stores.ledgerPassword
                    Accessible.name: qsTr("Ledger password")
                }
                Label {
                    Layout.columnSpan: 2
                    text: qsTr("Hot cabinet, model 6 (empty: in-process)")
                    font.bold: true
                }
                Label { text: qsTr("Redis") }
                TextField {
                    id: cabinetUrl

                    Layout.fillWidth: true
                    text: Controller.stores.cabinetUrl
                    placeholderText: "redis://cache.example.com:6379"
                    Accessible.name: qsTr("Redis address")
                }
                Label { text: qsTr("Password") }
                TextField {
                    id: cabinetPassword

                    Layout.fillWidth: true
                    enabled: cabinetUrl.text !== ""
                    echoMode: TextInput.Password
                    text: Controller.stores.cabinetPassword
                    Accessible.name: qsTr("Redis password")
                }
            }
        }

        CheckBox {
            id: keepPasswords

            text: qsTr("Keep passwords in the desktop keyring")
            visible: Controller.memory !== null
            checked: Controller.memory ? Controller.memory.keepPasswords : false
        }
        Label {
            Layout.fillWidth: true
            visible: Controller.memory !== null
            text: Controller.memory ? Controller.memory.keyringStatus : ""
            color: Theme.textDim
            wrapMode: Text.Wrap
        }

        Label {
            Layout.fillWidth: true
            visible: dialog.problem !== "" || Controller.status === "failed"
            text: dialog.problem !== "" ? dialog.problem : Controller.statusText
            color: Theme.bad
            wrapMode: Text.Wrap
        }

        Button {
            Layout.alignment: Qt.AlignRight
            text: qsTr("Connect")
            highlighted: true
            onClicked: {
                const c = Controller.cluster
                c.embedded = embeddedChoice.checked
                if (clusterChoice.checked) {
                    c.bootstrap = bootstrap.text
                    c.securityProtocol = security.currentText
                    c.saslMechanism = mechanism.enabled ? mechanism.currentText : ""
                    c.saslUsername = user.text
                    c.saslPassword = password.text
                    c.caLocation = ca.text
                    c.certificateLocation = cert.text
                    c.keyLocation = key.text
                }
                const st = Controller.stores
                st.analyticsUrl = analyticsUrl.text
                st.analyticsUser = analyticsUser.text
                st.analyticsPassword = analyticsPassword.text
                st.analyticsCa = analyticsCa.text
                st.ledgerDsn = ledgerDsn.text
                st.ledgerPassword = ledgerPassword.text
                st.cabinetUrl = cabinetUrl.text
                st.cabinetPassword = cabinetPassword.text
                if (Controller.memory)
                    Controller.memory.keepPasswords = keepPasswords.checked
                dialog.problem = Controller.connectNow()
                if (dialog.problem === "")
                    dialog.close()
            }
        }
    }
}
